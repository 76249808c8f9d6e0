// System calls per event: a figure that load does not move (unlike time), read from the `syscalls`
// each bench process reports: syscr + syscw of /proc/<pid>/io, i.e. read- and write-type calls
// only (futex, epoll, mmap and the like are not counted). perf stat does not work on this machine.

const SUFFIX = '_syscalls_per_event';

/** The key of a worker's (or probe process's) read + write system calls per event. */
export function syscallKey(worker: string): string {
  return `${worker}${SUFFIX}`;
}

/**
 * Adds `<worker>_syscalls_per_event` from the `syscalls` counts of the worker's processes, when
 * they reported one (Python workers and observers do not).
 */
export function addSyscalls(
  extras: Record<string, number>,
  worker: string,
  counts: readonly unknown[],
  events: number,
): void {
  const numbers = counts.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (numbers.length > 0) extras[syscallKey(worker)] = numbers.reduce((a, b) => a + b, 0) / events;
}

/** `syscalls_per_event`: the per-worker figures of one run added up (the whole chain or probe). */
export function addSyscallTotal(extras: Record<string, number>): void {
  const perWorker = Object.entries(extras).filter(([key]) => key.endsWith(SUFFIX));
  if (perWorker.length > 0) extras['syscalls_per_event'] = perWorker.reduce((sum, [, v]) => sum + v, 0);
}

/** `<child>_syscalls_per_event` of each child that sent `syscalls` (D, the FIFO probes), and the total. */
export function childSyscalls(
  outcomes: readonly { readonly name: string; readonly result?: Readonly<Record<string, unknown>> }[],
  events: number,
): Record<string, number> {
  const extras: Record<string, number> = {};
  for (const outcome of outcomes) addSyscalls(extras, outcome.name, [outcome.result?.['syscalls']], events);
  addSyscallTotal(extras);
  return extras;
}
