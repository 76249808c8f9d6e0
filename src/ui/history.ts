import type { RunSnapshot } from '../control/stats/snapshot.js';

/** Seconds of statistics the charts show. */
export const HISTORY_WINDOW_S = 60;

/**
 * Seconds a chart of the run spans, ending at the latest snapshot: from the run's start while it
 * is younger than HISTORY_WINDOW_S (so a short run fills the chart rather than being a spike at
 * its right edge), then the last HISTORY_WINDOW_S.
 */
export function chartWindowS(latest: RunSnapshot): number {
  return Math.min(HISTORY_WINDOW_S, Math.max(1, latest.elapsed));
}

/** The history with `snapshot` appended and what is older than the window dropped. */
export function appendSnapshot(
  history: readonly RunSnapshot[],
  snapshot: RunSnapshot,
  windowS = HISTORY_WINDOW_S,
): RunSnapshot[] {
  const oldest = snapshot.time - windowS - 1;
  const kept = history.filter((s) => s.time >= oldest && s.time < snapshot.time);
  kept.push(snapshot);
  return kept;
}

/** Points (seconds relative to the newest snapshot, value) of one quantity over the history. */
export function seriesPoints(
  history: readonly RunSnapshot[],
  pick: (snapshot: RunSnapshot) => number | undefined,
): [number, number][] {
  const newest = history.at(-1);
  if (newest === undefined) return [];
  const points: [number, number][] = [];
  for (const snapshot of history) {
    const value = pick(snapshot);
    if (value !== undefined && Number.isFinite(value)) points.push([snapshot.time - newest.time, value]);
  }
  return points;
}
