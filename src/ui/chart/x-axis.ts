import { formatAxisNumber, niceStep } from './y-axis.js';

// The ends are single values, not a scale: 5 reads better than 5.0.
const withoutTrailingZeros = (text: string) =>
  /^-?\d+\.\d+$/.test(text) ? text.replace(/\.?0+$/, '') : text;

/**
 * The row under a chart `columns` wide: the low end of the x range at the left, the high end at
 * the right, `label` in the middle when it fits.
 */
export function xAxisText(columns: number, low: number, high: number, label: string): string {
  const resolution = niceStep(Math.abs(high - low) / 10) || 1;
  const left = withoutTrailingZeros(formatAxisNumber(low, resolution));
  const right = withoutTrailingZeros(formatAxisNumber(high, resolution));
  if (columns < left.length + right.length + 1)
    return right.length <= columns ? right.padStart(columns) : ' '.repeat(Math.max(0, columns));
  const chars = Array.from({ length: columns }, () => ' ');
  const put = (text: string, at: number) => {
    for (let i = 0; i < text.length; i++) chars[at + i] = text[i] as string;
  };
  put(left, 0);
  put(right, columns - right.length);
  const room = columns - left.length - right.length - 2;
  if (label !== '' && room > 0) {
    const shown = label.length <= room ? label : `${label.slice(0, Math.max(0, room - 1))}…`;
    put(shown, left.length + 1 + Math.floor((room - shown.length) / 2));
  }
  return chars.join('');
}
