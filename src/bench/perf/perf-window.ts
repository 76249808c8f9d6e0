// Instructions per event from `perf stat`: a bench process attaches perf to itself at start-up with
// its counters off, switches them on and off around the same event window as its CPU time and
// system calls (through perf's control FIFO, waiting for each `ack`), and reports the counts. All
// synchronous: the windows open and close inside the workers' synchronous loops.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
  closeSync,
  constants,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePerfStatCsv } from './perf-stat-csv.js';

/** Set to 1 by `npm run bench -- --instructions`; children and `mimocorb2 run` workers inherit it. */
export const INSTRUCTIONS_VARIABLE = 'MIMOCORB2_BENCH_INSTRUCTIONS';

const INSTRUCTIONS_EVENT = 'instructions:u';
const TASK_CLOCK_EVENT = 'task-clock';
/** perf stat takes a few hundred ms to attach on this machine; a loaded one may take seconds. */
const DEADLINE_MS = 15_000;

/** What a process adds to its report: `instructions`, `task_clock_ms`, and `perf_note` for what is missing. */
export type PerfFields = Record<string, number | string>;

/** perf stat attached to this process, its counters off until enable(). */
export class PerfWindow {
  readonly #dir: string;
  readonly #fds: number[] = [];
  #ctlFd = -1;
  #ackFd = -1;
  #perf: ChildProcess | undefined;
  #note: string | undefined;
  #isEnabled = false;
  readonly #sleeper = new Int32Array(new SharedArrayBuffer(4));

  /** Starts perf and waits until it answers (its counters are set up then). */
  constructor() {
    this.#dir = mkdtempSync(join(tmpdir(), 'mimocorb2-perf-'));
    const ctl = join(this.#dir, 'ctl');
    const ack = join(this.#dir, 'ack');
    try {
      execFileSync('mkfifo', [ctl, ack]);
      // Read-write: the opens do not wait for perf, and perf's writes are kept until read.
      this.#ctlFd = this.#open(ctl, constants.O_RDWR);
      this.#ackFd = this.#open(ack, constants.O_RDWR | constants.O_NONBLOCK);
    } catch (error) {
      this.#fail(`could not make perf's control FIFOs: ${(error as Error).message}`);
      return;
    }
    const errFd = this.#open(join(this.#dir, 'stderr'), constants.O_WRONLY | constants.O_CREAT);
    const args = ['stat', '-x,', '-e', `${INSTRUCTIONS_EVENT},${TASK_CLOCK_EVENT}`, '--delay=-1'];
    args.push('--control', `fifo:${ctl},${ack}`, '-o', join(this.#dir, 'out'), '-p', String(process.pid));
    this.#perf = spawn('perf', args, { stdio: ['ignore', 'ignore', errFd] });
    this.#perf.on('error', () => undefined);
    this.#perf.unref();
    if (this.#perf.pid === undefined) this.#fail('perf is not installed (or not on PATH)');
    else this.#command('ping');
  }

  /** Switches the counters on; returns when perf has. */
  enable(): void {
    if (this.#note !== undefined || this.#isEnabled) return;
    this.#command('enable');
    this.#isEnabled = true;
  }

  /** Switches the counters off; returns when perf has. */
  disable(): void {
    if (!this.#isEnabled) return;
    this.#isEnabled = false;
    this.#command('disable');
  }

  /** Stops perf, waits until it has exited and returns its counts. */
  finish(): PerfFields {
    const fields: PerfFields = {};
    const pid = this.#perf?.pid;
    if (this.#note === undefined && pid !== undefined) {
      process.kill(pid, 'SIGINT');
      if (!this.#waitUntil(() => hasExited(pid))) this.#fail('perf stat did not exit after SIGINT');
      else {
        const counts = parsePerfStatCsv(readFileSync(join(this.#dir, 'out'), 'utf8'));
        const instructions = counts.get(INSTRUCTIONS_EVENT);
        const taskClock = counts.get(TASK_CLOCK_EVENT);
        if (taskClock !== undefined && 'value' in taskClock) fields['task_clock_ms'] = taskClock.value;
        if (instructions !== undefined && 'value' in instructions)
          fields['instructions'] = instructions.value;
        else
          this.#note = `perf stat cannot count ${INSTRUCTIONS_EVENT} on this machine (${instructions === undefined ? 'not in its output' : instructions.missing}); --instructions=callgrind counts them in software`;
      }
    }
    if (this.#note !== undefined) fields['perf_note'] = this.#note;
    for (const fd of this.#fds) closeSync(fd);
    rmSync(this.#dir, { recursive: true, force: true });
    return fields;
  }

  #open(path: string, flags: number): number {
    const fd = openSync(path, flags);
    this.#fds.push(fd);
    return fd;
  }

  /** Sends one control command and waits for perf's `ack`. */
  #command(word: string): void {
    writeSync(this.#ctlFd, `${word}\n`);
    const bytes = Buffer.alloc(16);
    let text = '';
    const pid = this.#perf?.pid;
    const isDone = this.#waitUntil(() => {
      try {
        text += bytes.toString('utf8', 0, readSync(this.#ackFd, bytes));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      }
      return text.includes('ack\n') || (pid !== undefined && hasExited(pid));
    });
    if (!text.includes('ack\n'))
      this.#fail(
        `perf stat did not answer '${word}'${isDone ? ' (it exited)' : ` within ${DEADLINE_MS / 1000} s`}: ${this.#stderr()}`,
      );
  }

  /** Polls `isDone` (a tenth of a millisecond apart) until it holds or the deadline passes. */
  #waitUntil(isDone: () => boolean): boolean {
    const deadline = performance.now() + DEADLINE_MS;
    while (!isDone()) {
      if (performance.now() > deadline) return false;
      Atomics.wait(this.#sleeper, 0, 0, 0.1);
    }
    return true;
  }

  #stderr(): string {
    try {
      return readFileSync(join(this.#dir, 'stderr'), 'utf8').trim().split('\n').slice(-3).join(' / ');
    } catch {
      return '';
    }
  }

  #fail(note: string): void {
    this.#note ??= note;
    this.#isEnabled = false;
    const pid = this.#perf?.pid;
    if (pid !== undefined && !hasExited(pid)) process.kill(pid, 'SIGKILL');
  }
}

/** Whether process `pid` (a child of this one) has exited: gone, or a zombie nobody has reaped yet. */
function hasExited(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state === 'Z' || state === 'X';
  } catch {
    return true;
  }
}

/** A window when the bench asked for instruction counts (INSTRUCTIONS_VARIABLE=1), else undefined. */
export function startPerfWindow(): PerfWindow | undefined {
  return process.env[INSTRUCTIONS_VARIABLE] === '1' ? new PerfWindow() : undefined;
}

/** Closes the window and returns its report fields; none when counting is off. */
export function endPerfWindow(window: PerfWindow | undefined): PerfFields {
  if (window === undefined) return {};
  window.disable();
  return window.finish();
}
