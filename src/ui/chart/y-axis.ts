// The value axis of a display's chart: a nice linear scale or decades, mapped onto dot rows.

/** A value scale mapped onto `height` dots, 0 at the top. */
export interface ValueAxis {
  /** The dot row of a value (clamped to the axis). */
  readonly toDot: (value: number) => number;
  /** Values to label, top first. */
  readonly ticks: readonly number[];
  /** The text of a tick. */
  readonly format: (value: number) => string;
}

/** The smallest of 1, 2, 5 × 10^k that is at least `rough`. */
export function niceStep(rough: number): number {
  if (!(rough > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  for (const step of [1, 2, 5]) if (step * magnitude >= rough * (1 - 1e-9)) return step * magnitude;
  return 10 * magnitude;
}

/** `value` written with as many decimals as `resolution` needs: 0.25, 1.5k, 3e-6. */
export function formatAxisNumber(value: number, resolution: number): string {
  if (value === 0) return '0';
  const size = Math.max(Math.abs(value), Math.abs(resolution));
  if (size >= 1e4 || size < 1e-3) {
    const text = size >= 1e4 ? formatSi(value) : value.toExponential(1);
    return text.replace('.0e', 'e');
  }
  const decimals = Math.min(6, Math.max(0, -Math.floor(Math.log10(Math.abs(resolution) || 1))));
  return value.toFixed(decimals);
}

const SI = ['', 'k', 'M', 'G', 'T', 'P'];

function formatSi(value: number): string {
  let scaled = Math.abs(value);
  let unit = 0;
  while (scaled >= 999.5 && unit < SI.length - 1) {
    scaled /= 1000;
    unit++;
  }
  const text = scaled.toPrecision(3).replace(/\.?0+$/, '');
  return `${value < 0 ? '-' : ''}${text}${SI[unit]}`;
}

/** The range to draw: `fixed` when given, else the data's range widened to whole steps. */
export function linearRange(
  low: number,
  high: number,
  maxTicks: number,
  fixed?: readonly [number, number],
): [number, number] {
  if (fixed !== undefined) return [fixed[0], fixed[1]];
  if (!(high > low)) return low === 0 ? [0, 1] : [low - Math.abs(low) / 2, high + Math.abs(high) / 2];
  const step = niceStep((high - low) / Math.max(1, maxTicks - 1));
  return [Math.floor(low / step + 1e-9) * step, Math.ceil(high / step - 1e-9) * step];
}

/** Linear axis over [low, high] with ticks at whole steps, at most `maxTicks` of them. */
export function linearAxis(low: number, high: number, height: number, maxTicks: number): ValueAxis {
  const span = high - low;
  const bottom = height - 1;
  const step = niceStep(span / Math.max(1, maxTicks - 1));
  const ticks: number[] = [];
  for (let k = Math.floor(high / step + 1e-9); k * step >= low - step * 1e-9; k--)
    ticks.push(Math.abs(k) < 1e-9 ? 0 : k * step);
  return {
    toDot: (value) => bottom - ((Math.min(Math.max(value, low), high) - low) / span) * bottom,
    ticks,
    format: (value) => formatAxisNumber(value, step),
  };
}

/**
 * Log axis over whole decades around the positive values, or over `fixed`; zero and negative
 * values sit at the bottom, under the lowest positive one, so the two look different.
 */
export function logAxis(
  values: readonly number[],
  height: number,
  maxTicks: number,
  fixed?: readonly [number, number],
): ValueAxis {
  let low: number;
  let high: number;
  if (fixed !== undefined && fixed[1] > 0) {
    high = Math.log10(fixed[1]);
    low = fixed[0] > 0 ? Math.log10(fixed[0]) : high - 3;
  } else {
    let lowest = Infinity;
    let highest = 0;
    for (const v of values)
      if (v > 0) {
        if (v < lowest) lowest = v;
        if (v > highest) highest = v;
      }
    if (highest === 0) [lowest, highest] = [1, 10];
    const exponent = Math.log10(lowest);
    low = Math.floor(exponent + 1e-9);
    if (Math.abs(exponent - low) < 1e-9) low -= 1;
    high = Math.max(low + 1, Math.ceil(Math.log10(highest) - 1e-9));
  }
  const bottom = height - 1;
  const first = Math.floor(high + 1e-9);
  const last = Math.ceil(low - 1e-9);
  const stride = Math.max(1, Math.ceil((first - last + 1) / Math.max(1, maxTicks)));
  const ticks: number[] = [];
  for (let decade = first; decade >= last; decade -= stride) ticks.push(10 ** decade);
  const toDot = (value: number) => {
    if (value <= 0) return bottom;
    const at = Math.min(Math.max(Math.log10(value), low), high);
    return bottom - ((at - low) / (high - low)) * bottom;
  };
  return { toDot, ticks, format: (value) => formatAxisNumber(value, value) };
}
