import { readdirSync, readFileSync } from 'node:fs';

/** Resident memory and open file descriptors of one process at one moment. */
export interface ProcessSample {
  readonly rssBytes: number;
  readonly fds: number;
}

/** Reads /proc: undefined when the process is gone. */
export function sampleProcess(pid: number): ProcessSample | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKb = Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1] ?? NaN);
    return { rssBytes: rssKb * 1024, fds: readdirSync(`/proc/${pid}/fd`).length };
  } catch {
    return undefined;
  }
}

/** Children of `pid` (their pids), from /proc/<pid>/task/<pid>/children. */
export function childrenOf(pid: number): number[] {
  try {
    const text = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    return text === '' ? [] : text.split(' ').map(Number);
  } catch {
    return [];
  }
}

/** The label a worker process carries as its last argument (`worker[index]`), else its command. */
export function processLabel(pid: number): string {
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    const last = args.at(-1) ?? '';
    return /^.+\[\d+\]$/.test(last) ? last : 'control';
  } catch {
    return `pid ${pid}`;
  }
}
