import type { RunSnapshot } from '../control/stats/snapshot.js';

/** Seconds of statistics the charts show. */
export const HISTORY_WINDOW_S = 60;

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
