// Counts per event: figures that load does not move (unlike time), from the counts each bench
// process reports over its event window (not its start-up):
// - syscalls: syscr + syscw of /proc/<pid>/io, i.e. read- and write-type calls only (futex, epoll,
//   mmap and the like are not counted);
// - instructions and task_clock_ms: perf stat's instructions:u and task-clock, with --instructions
//   (src/bench/perf/perf-window.ts); a process whose perf could not count says why in perf_note.

/** The counts a process may report, each turned into `<worker>_<count>_per_event`. */
export const COUNTS = ['syscalls', 'instructions', 'task_clock_ms'] as const;
export type Count = (typeof COUNTS)[number];

type Report = Readonly<Record<string, unknown>> | undefined;

/** The key of a worker's (or probe process's) `count` per event. */
export function countKey(worker: string, count: Count): string {
  return `${worker}_${count}_per_event`;
}

const shownNotes = new Set<string>();

/** Prints once per bench why perf gave no instruction counts. */
function showPerfNote(note: string): void {
  if (shownNotes.has(note)) return;
  shownNotes.add(note);
  process.stderr.write(`instructions per event: ${note}\n`);
}

/**
 * Adds `<worker>_<count>_per_event` for each count the worker's processes reported, summed over
 * them (Python workers and observers report none).
 */
export function addCounts(
  extras: Record<string, number>,
  worker: string,
  reports: readonly Report[],
  events: number,
): void {
  for (const count of COUNTS) {
    const numbers = reports
      .map((r) => r?.[count])
      .filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    if (numbers.length > 0) extras[countKey(worker, count)] = numbers.reduce((a, b) => a + b, 0) / events;
  }
  for (const report of reports)
    if (typeof report?.['perf_note'] === 'string') showPerfNote(report['perf_note']);
}

/** `<count>_per_event`: the per-worker figures of one run added up (the whole chain or probe). */
export function addCountTotals(extras: Record<string, number>): void {
  for (const count of COUNTS) {
    const perWorker = Object.entries(extras).filter(([key]) => key.endsWith(`_${count}_per_event`));
    if (perWorker.length > 0) extras[`${count}_per_event`] = perWorker.reduce((sum, [, v]) => sum + v, 0);
  }
}

/** `<child>_<count>_per_event` of each child that sent counts (D, the FIFO probes), and the totals. */
export function childCounts(
  outcomes: readonly { readonly name: string; readonly result?: Readonly<Record<string, unknown>> }[],
  events: number,
): Record<string, number> {
  const extras: Record<string, number> = {};
  for (const outcome of outcomes) addCounts(extras, outcome.name, [outcome.result], events);
  addCountTotals(extras);
  return extras;
}
