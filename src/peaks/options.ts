import { describe } from './signal.js';

/**
 * One end of an interval: a number, `null` for an open end, or an array with one value per sample
 * of x (the border for a peak is the value at its position), as scipy allows.
 */
export type Border = number | null | ArrayLike<number>;

/** A condition on a peak property: its minimum alone, or a `[min, max]` pair (`null` for an open end). */
export type Condition = Border | readonly [min: Border, max: Border];

/** The options of findPeaks, with scipy.signal.find_peaks' names and meanings. */
export interface FindPeaksOptions {
  /** Peak height: `peak_heights` (x at the peak). */
  readonly height?: Condition | undefined;
  /** Vertical distance to the neighbouring samples: `left_thresholds`, `right_thresholds`. */
  readonly threshold?: Condition | undefined;
  /** Minimal distance in samples between neighbouring peaks (>= 1); smaller peaks go first. */
  readonly distance?: number | null | undefined;
  /** Prominence: `prominences`, `left_bases`, `right_bases`. */
  readonly prominence?: Condition | undefined;
  /** Width in samples at `rel_height`: `widths`, `width_heights`, `left_ips`, `right_ips` (and the prominences). */
  readonly width?: Condition | undefined;
  /** Window length in samples (> 1) around each peak for its prominence; by default the whole signal. */
  readonly wlen?: number | null | undefined;
  /**
   * Where the width is measured, as a fraction of the prominence below the peak (>= 0).
   * @default 0.5
   */
  readonly rel_height?: number | undefined;
  /** Number of samples at the top of a flat peak: `plateau_sizes`, `left_edges`, `right_edges`. */
  readonly plateau_size?: Condition | undefined;
}

/** A condition checked and split into its ends; `undefined` when it is not given. */
export interface ResolvedCondition {
  readonly min: number | ArrayLike<number> | null;
  readonly max: number | ArrayLike<number> | null;
}

export interface ResolvedFindPeaksOptions {
  readonly height: ResolvedCondition | undefined;
  readonly threshold: ResolvedCondition | undefined;
  /** ceil(distance), or 0 when not given. */
  readonly distance: number;
  readonly prominence: ResolvedCondition | undefined;
  readonly width: ResolvedCondition | undefined;
  /** ceil(wlen), or -1 for the whole signal (scipy's convention). */
  readonly wlen: number;
  readonly relHeight: number;
  readonly plateauSize: ResolvedCondition | undefined;
}

const OPTION_LIST = [
  'height',
  'threshold',
  'distance',
  'prominence',
  'width',
  'wlen',
  'rel_height',
  'plateau_size',
] as const;
const OPTION_NAMES: ReadonlySet<string> = new Set(OPTION_LIST);

export const DEFAULT_REL_HEIGHT = 0.5;

function isNumberArray(value: unknown): value is ArrayLike<number> {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
}

function resolveBorder(
  value: unknown,
  name: string,
  end: 'lower' | 'upper',
  signalLength: number,
): number | ArrayLike<number> | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') {
    if (Number.isNaN(value)) throw new RangeError(`the ${end} border of \`${name}\` is NaN`);
    return value;
  }
  if (isNumberArray(value) && !(value instanceof BigInt64Array || value instanceof BigUint64Array)) {
    if (value.length !== signalLength)
      throw new RangeError(
        `the ${end} border of \`${name}\` is an array of ${value.length} values, but an array border needs one per sample of x (${signalLength})`,
      );
    return value;
  }
  throw new TypeError(
    `the ${end} border of \`${name}\` must be a number, null or an array with one number per sample of x, got ${describe(value)}`,
  );
}

/** Splits a condition into its ends, as scipy: a pair is [min, max], anything else the minimum. */
export function resolveCondition(
  value: unknown,
  name: string,
  signalLength: number,
): ResolvedCondition | undefined {
  if (value === undefined || value === null) return undefined;
  if (isNumberArray(value) && value.length === 2)
    return {
      min: resolveBorder((value as ArrayLike<unknown>)[0], name, 'lower', signalLength),
      max: resolveBorder((value as ArrayLike<unknown>)[1], name, 'upper', signalLength),
    };
  if (isNumberArray(value) && value.length !== signalLength)
    throw new TypeError(
      `\`${name}\` must be a number, a [min, max] pair (null for an open end) or an array with one number per sample of x (${signalLength}), got an array of ${value.length}`,
    );
  return { min: resolveBorder(value, name, 'lower', signalLength), max: null };
}

function resolvePositive(
  value: unknown,
  name: string,
  check: (n: number) => boolean,
  rule: string,
): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number') throw new TypeError(`\`${name}\` must be a number, got ${describe(value)}`);
  if (!check(value)) throw new RangeError(`\`${name}\` must be ${rule}, got ${value}`);
  return value;
}

/** The distance option as scipy uses it (rounded up), 0 when not given; throws when it is < 1. */
export function resolveDistance(value: unknown): number {
  const distance = resolvePositive(value, 'distance', (n) => n >= 1 && n < Infinity, 'a finite number >= 1');
  return distance === undefined ? 0 : Math.ceil(distance);
}

/** The wlen option as scipy uses it (rounded up), -1 for none; throws unless it is > 1. */
export function resolveWlen(value: unknown): number {
  const wlen = resolvePositive(value, 'wlen', (n) => n > 1, 'larger than 1 (samples)');
  return wlen === undefined ? -1 : Math.ceil(wlen);
}

/** The rel_height option, 0.5 by default; throws when it is < 0. */
export function resolveRelHeight(value: unknown): number {
  return resolvePositive(value, 'rel_height', (n) => n >= 0, '>= 0') ?? DEFAULT_REL_HEIGHT;
}

/** Checks every option of findPeaks (unknown names too) for a signal of `signalLength` samples. */
export function resolveFindPeaksOptions(options: unknown, signalLength: number): ResolvedFindPeaksOptions {
  if (options === undefined || options === null) options = {};
  if (typeof options !== 'object' || Array.isArray(options))
    throw new TypeError(`findPeaks options must be an object, got ${describe(options)}`);
  const given = options as Record<string, unknown>;
  for (const key in given) {
    if (!OPTION_NAMES.has(key))
      throw new TypeError(
        `unknown findPeaks option \`${key}\`; the options are ${[...OPTION_NAMES].join(', ')}`,
      );
  }
  return {
    height: resolveCondition(given['height'], 'height', signalLength),
    threshold: resolveCondition(given['threshold'], 'threshold', signalLength),
    distance: resolveDistance(given['distance']),
    prominence: resolveCondition(given['prominence'], 'prominence', signalLength),
    width: resolveCondition(given['width'], 'width', signalLength),
    wlen: resolveWlen(given['wlen']),
    relHeight: resolveRelHeight(given['rel_height']),
    plateauSize: resolveCondition(given['plateau_size'], 'plateau_size', signalLength),
  };
}

/**
 * The options of the last call, as given (each value, and both ends of a pair), with what they
 * resolved to: a worker passes the same options object for every waveform, and checking that
 * nothing in it changed costs less than resolving it again (and allocates nothing).
 */
const last = {
  options: undefined as object | undefined,
  signalLength: -1,
  values: new Array<unknown>(OPTION_LIST.length),
  lows: new Array<unknown>(OPTION_LIST.length),
  highs: new Array<unknown>(OPTION_LIST.length),
  resolved: undefined as ResolvedFindPeaksOptions | undefined,
};

function isPair(value: unknown): value is ArrayLike<unknown> {
  return isNumberArray(value) && value.length === 2;
}

/** resolveFindPeaksOptions, or its last result when the same options come again unchanged. */
export function resolveFindPeaksOptionsOnce(
  options: unknown,
  signalLength: number,
): ResolvedFindPeaksOptions {
  if (
    last.resolved !== undefined &&
    options === last.options &&
    signalLength === last.signalLength &&
    typeof options === 'object'
  ) {
    const given = options as Record<string, unknown>;
    let isSame = true;
    for (let i = 0; i < OPTION_LIST.length && isSame; i++) {
      const value = given[OPTION_LIST[i] as string];
      isSame =
        value === last.values[i] &&
        (!isPair(value) || (value[0] === last.lows[i] && value[1] === last.highs[i]));
    }
    if (isSame) return last.resolved;
  }
  const resolved = resolveFindPeaksOptions(options, signalLength);
  if (typeof options === 'object' && options !== null) {
    const given = options as Record<string, unknown>;
    OPTION_LIST.forEach((name, i) => {
      const value = given[name];
      last.values[i] = value;
      last.lows[i] = isPair(value) ? value[0] : undefined;
      last.highs[i] = isPair(value) ? value[1] : undefined;
    });
    last.options = options;
    last.signalLength = signalLength;
    last.resolved = resolved;
  }
  return resolved;
}
