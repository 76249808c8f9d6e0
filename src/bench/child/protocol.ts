// What a benchmark child process does besides its work: it tells the parent when it is ready, may
// wait for `go`, sends one result line, and dies when the parent dies. Messages are JSON lines on
// stdout, written synchronously (stdout to a pipe is asynchronous in Node and would not drain
// inside a synchronous loop).
import { readFileSync, readSync, writeSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { runQueueWaitMs } from '../../control/supervision/run-queue.js';

/** Milliseconds since the epoch with sub-millisecond resolution; comparable across processes. */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}

/**
 * nowMs() minus the monotonic clock all processes share: constant in a process; the difference
 * between two processes is how far their nowMs() clocks disagree. Of 50 tries, the one with the
 * shortest bracket of monotonic readings (no preemption in between).
 */
export function clockOffsetMs(): number {
  let bestGap = Infinity;
  let offset = 0;
  for (let i = 0; i < 50; i++) {
    const before = Number(process.hrtime.bigint()) / 1e6;
    const wall = nowMs();
    const after = Number(process.hrtime.bigint()) / 1e6;
    if (after - before < bestGap) {
      bestGap = after - before;
      offset = wall - (before + after) / 2;
    }
  }
  return offset;
}

/** Milliseconds this process has been runnable but not running (Linux: /proc/self/schedstat), else 0. */
export function runQueueMs(): number {
  return runQueueWaitMs('self');
}

/** read + write system calls of this process so far (Linux: syscr + syscw of /proc/self/io), else 0. */
export function syscallCount(): number {
  try {
    const io = readFileSync('/proc/self/io', 'utf8');
    return Number(/^syscr: (\d+)/m.exec(io)?.[1] ?? 0) + Number(/^syscw: (\d+)/m.exec(io)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** CPU seconds (user + system) this process used since `start`. */
export function cpuSecondsSince(start: NodeJS.CpuUsage): number {
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1e6;
}

// A child blocked in a pipe read cannot notice that the benchmark died (e.g. SIGKILL), so a tiny
// thread watches for the parent to change and kills this process.
const WATCHDOG_SOURCE = `
const { workerData } = require('node:worker_threads');
setInterval(() => { if (process.ppid !== workerData.ppid) process.kill(process.pid, 'SIGKILL'); }, 250);
`;

/** Kills this process within a quarter second of its parent's death. */
export function startParentWatchdog(): void {
  new Worker(WATCHDOG_SOURCE, { eval: true, workerData: { ppid: process.ppid } }).unref();
}

function writeLine(message: Record<string, unknown>): void {
  writeSync(1, JSON.stringify(message) + '\n');
}

/** Tells the parent this process is set up (buffers open, pipes open). */
export function sendReady(): void {
  writeLine({ type: 'ready' });
}

/** Blocks until the parent writes `go` on stdin (every child of the run is ready then). */
export function awaitGo(): void {
  const bytes = Buffer.alloc(16);
  let text = '';
  while (!text.includes('\n')) {
    let count: number;
    try {
      count = readSync(0, bytes, 0, bytes.length, null);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EAGAIN') continue;
      throw error;
    }
    if (count === 0) failChild('stdin closed before the parent sent go');
    text += bytes.toString('utf8', 0, count);
  }
  if (text.trim() !== 'go') failChild(`expected 'go' on stdin, got ${JSON.stringify(text)}`);
}

/** Sends this child's one result line. */
export function sendResult(result: Record<string, number | string | boolean>): void {
  writeLine({ type: 'result', ...result });
}

/** Ends this child with a message the parent shows (a lost or duplicated event, a bad argument). */
export function failChild(message: string): never {
  writeSync(2, `${process.argv[1] ?? 'bench child'}: ${message}\n`);
  process.exit(1);
}

/** The child's argument `index` as a whole number >= 1 (an event count). */
export function getCountArg(index: number, name: string): number {
  const text = process.argv[2 + index];
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1)
    failChild(`argument ${name} must be a whole number >= 1, got ${text}`);
  return value;
}

/** The child's argument `index` (0 = the first after the script) as a string. */
export function getStringArg(index: number, name: string): string {
  const text = process.argv[2 + index];
  if (text === undefined || text === '') failChild(`missing argument ${name}`);
  return text;
}
