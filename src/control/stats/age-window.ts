import { ageQuantile } from '../../buffer/index.js';

/** The ages the page, the TUI, stats.csv and /metrics show are those of about the last 10 s. */
export const AGE_WINDOW_SECONDS = 10;

/** Turns a buffer's cumulative age histogram into p50/p99 of the samples of the last window. */
export class AgeWindow {
  /** Cumulative histograms with their times, oldest first; the first is the window's baseline. */
  readonly #history: { time: number; bins: readonly number[] }[] = [];

  sample(bins: readonly number[], now: number): { p50: number | null; p99: number | null } {
    const history = this.#history;
    while (history.length > 1 && now - (history[1] as { time: number }).time >= AGE_WINDOW_SECONDS)
      history.shift();
    const base = history[0]?.bins;
    const recent = base === undefined ? bins : bins.map((count, bin) => count - (base[bin] as number));
    history.push({ time: now, bins });
    return { p50: ageQuantile(recent, 0.5), p99: ageQuantile(recent, 0.99) };
  }
}
