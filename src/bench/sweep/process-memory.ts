// What a process holds in memory, from /proc: resident set by kind (/proc/<pid>/status) and the
// proportional set size (/proc/<pid>/smaps_rollup, Linux 4.14+), which splits every shared page
// among the processes that map it. All in KiB.
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessMemory {
  readonly rssKiB: number;
  readonly rssAnonKiB: number;
  readonly rssFileKiB: number;
  readonly rssShmemKiB: number;
  /** undefined where smaps_rollup is missing or unreadable. */
  readonly pssKiB: number | undefined;
  readonly pssShmemKiB: number | undefined;
}

/** The `<key>: <n> kB` figures of /proc/<pid>/status or smaps_rollup text. */
export function parseKiBFields(text: string): Map<string, number> {
  const fields = new Map<string, number>();
  for (const match of text.matchAll(/^(\w+):\s+(\d+) kB$/gm))
    fields.set(match[1] as string, Number(match[2]));
  return fields;
}

/** The memory figures of a process from the texts of its status and smaps_rollup (or undefined). */
export function parseProcessMemory(status: string, smapsRollup: string | undefined): ProcessMemory {
  const s = parseKiBFields(status);
  const r = smapsRollup === undefined ? new Map<string, number>() : parseKiBFields(smapsRollup);
  return {
    rssKiB: s.get('VmRSS') ?? 0,
    rssAnonKiB: s.get('RssAnon') ?? 0,
    rssFileKiB: s.get('RssFile') ?? 0,
    rssShmemKiB: s.get('RssShmem') ?? 0,
    pssKiB: r.get('Pss'),
    pssShmemKiB: r.get('Pss_Shmem'),
  };
}

function readOptional(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** The memory of a live process now, or undefined once it has gone. */
export function readProcessMemory(pid: number): ProcessMemory | undefined {
  const status = readOptional(`/proc/${pid}/status`);
  if (status === undefined) return undefined;
  return parseProcessMemory(status, readOptional(`/proc/${pid}/smaps_rollup`));
}

/** The larger of each figure of two readings (peaks over a run). */
export function maxMemory(a: ProcessMemory | undefined, b: ProcessMemory): ProcessMemory {
  if (a === undefined) return b;
  const max = (x: number | undefined, y: number | undefined) =>
    x === undefined ? y : y === undefined ? x : Math.max(x, y);
  return {
    rssKiB: Math.max(a.rssKiB, b.rssKiB),
    rssAnonKiB: Math.max(a.rssAnonKiB, b.rssAnonKiB),
    rssFileKiB: Math.max(a.rssFileKiB, b.rssFileKiB),
    rssShmemKiB: Math.max(a.rssShmemKiB, b.rssShmemKiB),
    pssKiB: max(a.pssKiB, b.pssKiB),
    pssShmemKiB: max(a.pssShmemKiB, b.pssShmemKiB),
  };
}

/** The parent pid in the text of /proc/<pid>/stat (its command may hold spaces and parentheses). */
export function parseParentPid(stat: string): number {
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

/** A running process: pid and the arguments of its command line. */
export interface RunningProcess {
  readonly pid: number;
  readonly ppid: number;
  readonly args: readonly string[];
}

/** Every process of this machine that this user may look at. */
export function listProcesses(): RunningProcess[] {
  const processes: RunningProcess[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readOptional(`/proc/${entry}/stat`);
    const cmdline = readOptional(`/proc/${entry}/cmdline`);
    if (stat === undefined || cmdline === undefined) continue;
    processes.push({
      pid: Number(entry),
      ppid: parseParentPid(stat),
      args: cmdline.split('\0').filter((a) => a !== ''),
    });
  }
  return processes;
}

/**
 * The processes of a `mimocorb2 run <setupFile>`: control (named `control`) and its worker
 * children, named by their label (`importer[0]`, the last argument control gives them); other
 * children of control (short-lived helpers) as `helper: <command line>`.
 */
export function findRunProcesses(
  processes: readonly RunningProcess[],
  setupFile: string,
): Map<number, string> {
  const found = new Map<number, string>();
  const control = processes.find((p) => p.args.includes(setupFile) && p.args.includes('run'));
  if (control === undefined) return found;
  found.set(control.pid, 'control');
  for (const p of processes) if (p.ppid === control.pid) found.set(p.pid, nameChild(p));
  return found;
}

const WORKER_LABEL = /^[\w.-]+\[\d+\]$/;
const HELPER_NAME_CHARS = 48;

/** A worker by its label; any other child of control (a short-lived helper) by its command line. */
function nameChild(child: RunningProcess): string {
  const label = child.args[child.args.length - 1] ?? '';
  if (WORKER_LABEL.test(label)) return label;
  const command = child.args.map((arg) => arg.split('/').pop() ?? arg).join(' ');
  return `helper: ${command.slice(0, HELPER_NAME_CHARS)}`;
}
