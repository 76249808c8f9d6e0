// Floats as the shortest decimal that reads back as the same value: float64 as JavaScript's
// String() gives it, float32 as the shortest decimal whose nearest float32 is the value (what
// numpy prints for a float32). Non-finite values as Python and numpy spell them.

/** 10^0 .. 10^22: every one exact in a double, so m / 10^k and m * 10^k round once. */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);
/** Below this, a float32 that is a whole number has no shorter decimal than its digits. */
const EXACT_INTEGER_LIMIT = 2 ** 24;

function powerOfTen(exponent: number): number {
  return exponent >= 0 && exponent < POW10.length ? (POW10[exponent] as number) : 10 ** exponent;
}

function nonFinite(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  return value > 0 ? 'inf' : '-inf';
}

/** A float64 as the shortest decimal that reads back as the same double. */
export function float64Text(value: number): string {
  if (!Number.isFinite(value)) return nonFinite(value);
  return value === 0 && Object.is(value, -0) ? '-0.0' : String(value);
}

/** A float32 (given as the double it converts to exactly) as the shortest decimal that reads back as it. */
export function float32Text(value: number): string {
  if (!Number.isFinite(value)) return nonFinite(value);
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0';
  const abs = Math.abs(value);
  if (abs < EXACT_INTEGER_LIMIT && Number.isInteger(abs)) return String(value);
  const sign = value < 0 ? '-' : '';
  let exponent = Math.floor(Math.log10(abs));
  // log10 may be off by one next to a power of ten.
  if (powerOfTen(exponent) > abs) exponent--;
  else if (powerOfTen(exponent + 1) <= abs) exponent++;
  for (let digits = 1; digits <= 9; digits++) {
    const shift = digits - 1 - exponent;
    if (shift > 22 || shift < -22) return sign + slowFloat32Text(abs);
    const candidate = nearestWithDigits(abs, shift);
    if (candidate !== undefined) return sign + String(candidate);
  }
  return sign + slowFloat32Text(abs);
}

// The decimal m * 10^-shift nearest to `abs`, if its nearest float32 is `abs`. The scaled value is
// rounded in binary first; when that lands within a hair of .5, the other neighbour is tried too.
function nearestWithDigits(abs: number, shift: number): number | undefined {
  const scale = POW10[shift >= 0 ? shift : -shift] as number;
  const scaled = shift >= 0 ? abs * scale : abs / scale;
  const m = Math.round(scaled);
  const candidate = shift >= 0 ? m / scale : m * scale;
  if (Math.fround(candidate) === abs) return candidate;
  if (Math.abs(scaled - Math.floor(scaled) - 0.5) >= 1e-6) return undefined;
  const other = m > scaled ? m - 1 : m + 1;
  const otherCandidate = shift >= 0 ? other / scale : other * scale;
  return Math.fround(otherCandidate) === abs ? otherCandidate : undefined;
}

// Tiny and huge values (10^-22 > |x| or |x| > 10^30): decimal strings do the rounding.
function slowFloat32Text(abs: number): string {
  for (let digits = 1; digits < 9; digits++) {
    const text = abs.toPrecision(digits);
    if (Math.fround(Number(text)) === abs) return String(Number(text));
  }
  return String(Number(abs.toPrecision(9)));
}
