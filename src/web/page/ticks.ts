import type uPlot from 'uplot';
import { formatCount } from '../../ui/format.js';

/**
 * Tick labels as short as the step between ticks allows: 20k, 40k for large steps, else as many
 * decimals as the step needs (0.25, 0.50).
 */
export function tickLabels(
  _u: uPlot,
  ticks: number[],
  _axis: number,
  _space: number,
  step: number,
): string[] {
  if (step >= 1000) return ticks.map((tick) => formatCount(tick));
  const decimals = Math.max(0, Math.min(10, -Math.floor(Math.log10(step) + 1e-9)));
  return ticks.map((tick) => tick.toFixed(decimals));
}
