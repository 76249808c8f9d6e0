// The steps of the lifetime filter (lifetime_filter.ts): find the peaks of each channel, group
// them in time into rows, match the rows against the signatures, and measure a pulse.
import { findPeaks, peakWidths } from 'mimocorb2';

/** One entry of a signature row: "+" a peak is required, "-" none is allowed, "0" either. */
export type SignatureMark = '+' | '-' | '0';
/** A signature: its rows (the start row, then the stop row), each one mark per channel. */
export type Signature = readonly (readonly SignatureMark[])[];

/** The peaks of one channel and their prominences, as findPeaks gives them. */
export interface ChannelPeaks {
  readonly positions: Int32Array;
  readonly prominences: Float64Array;
}

export interface PeakSearch {
  readonly prominence: number;
  readonly distance: number;
  readonly width: number;
}

/** The peaks of every channel that meet the minimal prominence, distance and width. */
export function tagPeaks(channels: readonly Float32Array[], search: PeakSearch): ChannelPeaks[] {
  return channels.map((channel) => {
    const { peaks, properties } = findPeaks(channel, search);
    return { positions: peaks, prominences: properties.prominences ?? new Float64Array(0) };
  });
}

/**
 * Groups the peaks of all channels in time. Each row holds, per channel, the index of one of its
 * peaks or −1: the earliest peak not yet in a row, with every other channel's next peak that lies
 * less than `tolerance` samples from it. Rows come in time order.
 */
export function correlatePeaks(peaks: readonly ChannelPeaks[], tolerance: number): Int32Array[] {
  const next = peaks.map(() => 0);
  const rows: Int32Array[] = [];
  for (;;) {
    let earliest = Infinity;
    for (const [channel, { positions }] of peaks.entries()) {
      const index = next[channel] as number;
      if (index < positions.length) earliest = Math.min(earliest, positions[index] as number);
    }
    if (earliest === Infinity) return rows;
    const row = new Int32Array(peaks.length).fill(-1);
    for (const [channel, { positions }] of peaks.entries()) {
      const index = next[channel] as number;
      if (index < positions.length && Math.abs((positions[index] as number) - earliest) < tolerance) {
        row[channel] = index;
        next[channel] = index + 1;
      }
    }
    rows.push(row);
  }
}

/** Whether the first rows have a peak where the signature says "+" and none where it says "-". */
export function matchSignature(rows: readonly Int32Array[], signature: Signature): boolean {
  if (signature.length > rows.length) return false;
  return signature.every((marks, r) =>
    marks.every((mark, channel) => {
      const hasPeak = ((rows[r] as Int32Array)[channel] as number) >= 0;
      return mark === '+' ? hasPeak : mark === '-' ? !hasPeak : true;
    }),
  );
}

/**
 * The integral of the pulse with its top at `position`: the sum of the samples above the
 * baseline from where the pulse rises through `cutMv` above the baseline to where it falls back
 * through it (the interpolated crossings of peakWidths, rounded outwards), in float32 like the
 * original. A pulse whose top is below the cut has the width of its top.
 */
export function pulseIntegral(
  channel: Float32Array,
  position: number,
  prominence: number,
  baselineMv: number,
  cutMv: number,
  scratch: Float32Array,
): number {
  const baseline = Math.fround(baselineMv);
  for (let k = 0; k < channel.length; k++) scratch[k] = (channel[k] as number) - baseline;
  const aboveBaseline = scratch.subarray(0, channel.length);
  const relHeight = Math.max(0, ((aboveBaseline[position] as number) - cutMv) / prominence);
  const { left_ips: left, right_ips: right } = peakWidths(aboveBaseline, [position], {
    rel_height: relHeight,
  });
  let sum = 0;
  const end = Math.ceil(right[0] as number);
  for (let k = Math.floor(left[0] as number); k < end; k++)
    sum = Math.fround(sum + (aboveBaseline[k] as number));
  return sum;
}
