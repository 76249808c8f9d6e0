import { readdirSync, readFileSync } from 'node:fs';

/** A worker process of a run, as /proc shows it. */
export interface WorkerProcessInfo {
  readonly pid: number;
  readonly worker: string;
  readonly index: number;
}

/** Live (not zombie) processes whose environment holds `NAME=value`. */
export function processesWithEnv(name: string, value: string): number[] {
  const needle = Buffer.from(`${name}=${value}\0`);
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!readFileSync(`/proc/${entry}/environ`).includes(needle)) continue;
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) continue;
      pids.push(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  return pids;
}

/** The worker processes among `pids`: their command line ends with the label `worker[index]`. */
export function workerProcesses(pids: readonly number[]): WorkerProcessInfo[] {
  const found: WorkerProcessInfo[] = [];
  for (const pid of pids) {
    try {
      const label = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).at(-1) ?? '';
      const match = /^(.+)\[(\d+)\]$/.exec(label);
      if (match) found.push({ pid, worker: match[1] as string, index: Number(match[2]) });
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}
