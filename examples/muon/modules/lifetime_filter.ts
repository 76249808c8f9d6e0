// The muon example's lifetime filter: finds events with a muon that stopped and decayed (a double
// pulse with one of the configured signatures) and measures the decay time and the pulses.
import { Processor, WorkerSetupError, type BufferIO, type Writer } from 'mimocorb2';
import { readNumber } from './config-values.js';
import {
  correlatePeaks,
  matchSignature,
  pulseIntegral,
  tagPeaks,
  type PeakSearch,
  type Signature,
  type SignatureMark,
} from './filters.js';

/** The integral of a pulse runs between its crossings of this height above the baseline, in mV. */
const INTEGRAL_CUT_MV = 10;
const ROW_PREFIXES = ['1st', '2nd'] as const;

export interface DecayTimeConfig {
  readonly sampleTimeNs: number;
  readonly baselineMv: number;
  readonly minimalProminenceInitial: number;
  readonly minimalProminenceSecondary: number;
  readonly search: PeakSearch;
  readonly triggerPositionTolerance: number;
  readonly signatures: readonly Signature[];
  /** Per channel: its pulse heights are multiplied by this before the prominence cuts. */
  readonly scalings: readonly number[];
}

/** Which signature an event matched, and its pulse parameters (field → value of the parameter buffer). */
export interface DecayMatch {
  readonly signature: number;
  readonly parameters: Record<string, number>;
}

/**
 * The analysis of one event: peaks per channel, rows of coincident peaks, prominence cuts on the
 * first (muon) and second (decay electron) row, then the last signature whose rows match; null
 * when none does. `parameters` has every field of `fields` (0 for a channel without its pulse).
 */
export function findDecay(
  channels: readonly Float32Array[],
  names: readonly string[],
  fields: readonly string[],
  config: DecayTimeConfig,
  scratch: Float32Array,
): DecayMatch | null {
  const peaks = tagPeaks(channels, config.search);
  const rows = correlatePeaks(peaks, config.triggerPositionTolerance);
  if (rows.length < 2) return null;
  const minimal = [config.minimalProminenceInitial, config.minimalProminenceSecondary];
  for (const [r, row] of rows.slice(0, 2).entries()) {
    for (let channel = 0; channel < row.length; channel++) {
      const index = row[channel] as number;
      if (index < 0) continue;
      const prominence =
        (peaks[channel]?.prominences[index] as number) * (config.scalings[channel] as number);
      if (prominence < (minimal[r] as number)) row[channel] = -1;
    }
  }
  let signature = -1;
  for (const [s, marks] of config.signatures.entries()) if (matchSignature(rows, marks)) signature = s;
  if (signature < 0) return null;

  const parameters: Record<string, number> = {};
  for (const field of fields) parameters[field] = 0;
  const meanPosition = [0, 0];
  for (const [r, prefix] of ROW_PREFIXES.entries()) {
    let sum = 0;
    let count = 0;
    for (const [channel, name] of names.entries()) {
      const index = (rows[r] as Int32Array)[channel] as number;
      if (index < 0) continue;
      const { positions, prominences } = peaks[channel] as (typeof peaks)[number];
      const position = positions[index] as number;
      const prominence = prominences[index] as number;
      parameters[`${prefix}_${name}_p`] = position;
      parameters[`${prefix}_${name}_h`] = prominence;
      parameters[`${prefix}_${name}_int`] = pulseIntegral(
        channels[channel] as Float32Array,
        position,
        prominence,
        config.baselineMv,
        INTEGRAL_CUT_MV,
        scratch,
      );
      sum += position;
      count++;
    }
    // A row without pulses cannot give a time (only a signature of "0" and "-" marks allows one).
    if (count === 0) return null;
    meanPosition[r] = sum / count;
  }
  parameters['decay_time'] = Math.trunc(
    ((meanPosition[1] as number) - (meanPosition[0] as number)) * config.sampleTimeNs,
  );
  return { signature, parameters };
}

/**
 * Processor (3 processes in spin_setup.yaml): source the oscilloscope traces; sinks
 * [accepted traces, pulse parameters of decays up, pulse parameters of decays down]. An event
 * that matches signature 0 (decay up) goes to the first and second sink, one that matches
 * signature 1 (decay down) to the first and third; any other event is dropped.
 */
export function calculate_decay_time(io: BufferIO): void {
  if (io.sinks.length !== 3) {
    throw new WorkerSetupError(
      `worker '${io.name}': calculate_decay_time needs 3 sinks (accepted traces, parameters up, parameters down), got ${io.sinks.length}`,
    );
  }
  const source = io.sources[0];
  const names = source?.buffer.layout.fields.map((field) => field.name) ?? [];
  const config = readDecayTimeConfig(io, names);
  const [, up, down] = io.sinks as readonly [Writer, Writer, Writer];
  const fields = up.buffer.layout.fields.map((field) => field.name);
  checkParameterFields(io, down, fields, names);
  checkParameterFields(io, up, fields, names);
  const scratch = new Float32Array(source?.buffer.layout.dataLength ?? 0);

  new Processor<Record<string, Float32Array>>(io).run((data) => {
    const decay = findDecay(
      names.map((name) => data[name] as Float32Array),
      names,
      fields,
      config,
      scratch,
    );
    if (decay?.signature === 0) return [data, decay.parameters, null];
    if (decay?.signature === 1) return [data, null, decay.parameters];
    return null;
  });
}

/** The parameter sinks must have the same fields, among them decay_time and 1st/2nd_<channel>_p/_h/_int. */
function checkParameterFields(
  io: BufferIO,
  sink: Writer,
  fields: readonly string[],
  names: readonly string[],
): void {
  const has = sink.buffer.layout.fields.map((field) => field.name);
  const needed = ['decay_time'];
  for (const prefix of ROW_PREFIXES)
    for (const name of names)
      needed.push(`${prefix}_${name}_p`, `${prefix}_${name}_h`, `${prefix}_${name}_int`);
  const missing = needed.filter((field) => !has.includes(field));
  if (missing.length > 0 || has.join() !== fields.join()) {
    throw new WorkerSetupError(
      `worker '${io.name}': the parameter sinks must have the same fields, among them ${needed.join(', ')}; ` +
        `'${sink.buffer.layout.name}' ${missing.length > 0 ? `lacks ${missing.join(', ')}` : 'has other fields than the first'}`,
    );
  }
}

function readDecayTimeConfig(io: BufferIO, names: readonly string[]): DecayTimeConfig {
  const positive = { min: Number.MIN_VALUE };
  const minimalProminenceInitial = readNumber(io, 'peak_minimal_prominence_initial', positive);
  const minimalProminenceSecondary = readNumber(io, 'peak_minimal_prominence_secondary', positive);
  return {
    sampleTimeNs: readNumber(io, 'sample_time_ns', positive),
    baselineMv: readNumber(io, 'analogue_offset') * 1000,
    minimalProminenceInitial,
    minimalProminenceSecondary,
    search: {
      prominence: Math.min(minimalProminenceInitial, minimalProminenceSecondary),
      distance: readNumber(io, 'peak_minimal_distance', { min: 1 }),
      width: readNumber(io, 'peak_minimal_width', { min: 0 }),
    },
    triggerPositionTolerance: readNumber(io, 'trigger_position_tolerance', { min: 0 }),
    signatures: readSignatures(io, names.length),
    scalings: names.map((name) => readNumber(io, `${name}_scaling`, { default: 1, min: 0 })),
  };
}

const MARKS: readonly string[] = ['+', '-', '0'];

function readSignatures(io: BufferIO, channels: number): Signature[] {
  const value: unknown = io.get('signatures');
  const expected =
    `a list of signatures, each [start row, stop row] with ${channels} marks per row ` +
    `("+" a peak, "-" none, "0" either; one per channel of the source)`;
  const isSignature = (signature: unknown): signature is SignatureMark[][] =>
    Array.isArray(signature) &&
    signature.length === 2 &&
    signature.every(
      (row: unknown) =>
        Array.isArray(row) &&
        row.length === channels &&
        row.every((mark: unknown) => MARKS.includes(String(mark))),
    );
  if (!Array.isArray(value) || value.length === 0) {
    throw new WorkerSetupError(`worker '${io.name}': config key 'signatures': expected ${expected}`);
  }
  for (const [s, signature] of (value as unknown[]).entries()) {
    if (!isSignature(signature)) {
      throw new WorkerSetupError(
        `worker '${io.name}': config key 'signatures', entry ${s}: expected [start row, stop row] with ${channels} marks per row ("+", "-" or "0"), got ${JSON.stringify(signature)}`,
      );
    }
  }
  // An unquoted 0 in YAML is a number: every mark becomes its text.
  return (value as unknown[][][]).map((rows) =>
    rows.map((row) => row.map((mark) => String(mark) as SignatureMark)),
  );
}
