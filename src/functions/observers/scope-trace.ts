import type { FieldArray, SlotData } from '../../buffer/index.js';
import { MAX_DISPLAY_NUMBERS, type LinesDisplay } from '../../display/index.js';

/** `(scale, offset, unit)`: a sample's value shown as `value * scale + offset` in `unit`. */
export type Scaling = readonly [scale: number, offset: number, unit: string];

export interface ScopeTraceOptions {
  readonly title: string;
  /** Fields of the event to show, in order. */
  readonly channels: readonly string[];
  /** Samples per channel (the buffer's data_length). */
  readonly samples: number;
  readonly tScaling: Scaling;
  readonly yScaling: Scaling;
  /** Fixed y range in scaled units; by default the range of the data. */
  readonly ylim?: readonly [number, number] | undefined;
  /** A horizontal line at this level, in scaled units. */
  readonly triggerLevel?: number | undefined;
  /** A colour per channel (`#rrggbb`), or none for the display's own. */
  readonly colors?: readonly string[] | undefined;
}

/** The legend's name of the trigger level line, as the original's. */
export const TRIGGER_LEVEL_NAME = 'Trigger Level';

/**
 * The newest waveform of each channel as a lines display, x and y scaled to their units. A
 * waveform longer than a display holds (MAX_DISPLAY_NUMBERS for all channels and x together) is
 * cut into stretches of samples, each shown by its lowest and highest value in their order, so
 * that every spike stays visible. The arrays are made once and refilled by each `show()`.
 */
export class ScopeTrace {
  readonly content: LinesDisplay<Float64Array>;
  readonly #channels: readonly string[];
  readonly #ys: readonly Float64Array[];
  readonly #yScale: number;
  readonly #yOffset: number;
  /** Start sample of each stretch, and one past the last sample; undefined when every sample is shown. */
  readonly #stretches: Int32Array | undefined;

  constructor(options: ScopeTraceOptions) {
    const { channels, samples, tScaling, yScaling } = options;
    const perSeries = Math.floor(MAX_DISPLAY_NUMBERS / (channels.length + 1));
    let x: Float64Array;
    if (samples <= perSeries) {
      this.#stretches = undefined;
      x = Float64Array.from({ length: samples }, (_, i) => i * tScaling[0] + tScaling[1]);
    } else {
      const count = Math.floor(perSeries / 2);
      this.#stretches = Int32Array.from({ length: count + 1 }, (_, b) => Math.floor((b * samples) / count));
      // Each stretch is drawn from the time of its first sample to that of its last.
      x = new Float64Array(2 * count);
      for (let b = 0; b < count; b++) {
        x[2 * b] = (this.#stretches[b] as number) * tScaling[0] + tScaling[1];
        x[2 * b + 1] = ((this.#stretches[b + 1] as number) - 1) * tScaling[0] + tScaling[1];
      }
    }
    this.#channels = channels;
    this.#ys = channels.map(() => new Float64Array(x.length));
    this.#yScale = yScaling[0];
    this.#yOffset = yScaling[1];
    this.content = {
      kind: 'lines',
      title: options.title,
      xLabel: tScaling[2],
      yLabel: yScaling[2],
      x,
      series: channels.map((name, c) => ({
        name,
        y: this.#ys[c] as Float64Array,
        ...(options.colors === undefined ? {} : { color: options.colors[c % options.colors.length] }),
      })),
      ...(options.ylim === undefined ? {} : { yRange: [options.ylim[0], options.ylim[1]] as const }),
      ...(options.triggerLevel === undefined
        ? {}
        : { horizontalLines: [{ y: options.triggerLevel, name: TRIGGER_LEVEL_NAME }] }),
    };
  }

  /**
   * Puts the event's waveforms into `content`. Returns false when a sample is NaN or infinite (a
   * display holds finite numbers only); the content is then partly this event's until the next.
   */
  show(data: SlotData): boolean {
    for (let c = 0; c < this.#channels.length; c++) {
      const raw = data[this.#channels[c] as string] as FieldArray;
      const isFinite =
        this.#stretches === undefined
          ? this.#scaleAll(raw, this.#ys[c] as Float64Array)
          : this.#scaleStretches(raw, this.#ys[c] as Float64Array, this.#stretches);
      if (!isFinite) return false;
    }
    return true;
  }

  #scaleAll(raw: FieldArray, y: Float64Array): boolean {
    const scale = this.#yScale;
    const offset = this.#yOffset;
    let check = 0;
    for (let i = 0; i < y.length; i++) {
      const value = Number(raw[i]) * scale + offset;
      y[i] = value;
      check += value - value;
    }
    // value - value is NaN for NaN and ±Infinity, 0 for every finite value.
    return check === 0;
  }

  #scaleStretches(raw: FieldArray, y: Float64Array, stretches: Int32Array): boolean {
    for (let b = 0; b + 1 < stretches.length; b++) {
      const start = stretches[b] as number;
      const end = stretches[b + 1] as number;
      let lowest = start;
      let highest = start;
      for (let i = start + 1; i < end; i++) {
        const value = Number(raw[i]);
        if (value < Number(raw[lowest])) lowest = i;
        else if (value > Number(raw[highest])) highest = i;
      }
      const low = Number(raw[lowest]) * this.#yScale + this.#yOffset;
      const high = Number(raw[highest]) * this.#yScale + this.#yOffset;
      if (!Number.isFinite(low) || !Number.isFinite(high)) return false;
      // In the order they came, so that a rising and a falling edge look as they are.
      y[2 * b] = lowest <= highest ? low : high;
      y[2 * b + 1] = lowest <= highest ? high : low;
    }
    return true;
  }
}
