// Instructions per event from valgrind's callgrind, for machines whose perf cannot count instructions
// (no PMU, e.g. a Firecracker VM). The bench starts the measuring processes under
// `valgrind --tool=callgrind --dump-before=uv_os_getpriority`: callgrind writes its counts to a new
// dump file each time the process enters libuv's uv_os_getpriority, which it does only through
// os.getPriority(). The window calls it at its start and at its end, so the second dump holds
// exactly the instructions between them (all threads of the process). No IPC and no ptrace: the
// process itself triggers the dumps, synchronously, at the instruction where it calls.
import { readdirSync, readFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { join } from 'node:path';
import type { PerfFields } from './perf-window.js';

/** The value of INSTRUCTIONS_VARIABLE that selects callgrind instead of perf stat. */
export const CALLGRIND_COUNTER = 'callgrind';
/** Where the callgrind processes write their dumps (`callgrind.<pid>.<part>`), set by the bench. */
export const CALLGRIND_DIR_VARIABLE = 'MIMOCORB2_BENCH_CALLGRIND_DIR';
const DUMP_FUNCTION = 'uv_os_getpriority';

/**
 * `valgrind` and its arguments, to put before `node <args>`. JIT code needs --smc-check; valgrind's
 * own messages go to a log file next to the dumps, not to the process's stderr. --fair-sched
 * switches threads with a futex instead of a pipe, whose read and write around every blocking
 * system call would count as two more system calls of the process.
 */
export function callgrindPrefix(): string[] {
  const dir = `%q{${CALLGRIND_DIR_VARIABLE}}`;
  return [
    'valgrind',
    '--tool=callgrind',
    '--smc-check=all-non-file',
    '--fair-sched=try',
    `--dump-before=${DUMP_FUNCTION}`,
    `--callgrind-out-file=${dir}/callgrind.%p`,
    `--log-file=${dir}/valgrind.%p.log`,
  ];
}

/** The dumps of this process so far, as part numbers. */
function dumpParts(dir: string): number[] {
  const prefix = `callgrind.${process.pid}.`;
  return readdirSync(dir)
    .filter((name) => name.startsWith(prefix))
    .map((name) => Number(name.slice(prefix.length)))
    .filter((part) => Number.isSafeInteger(part));
}

/** The process's instructions between two dumps of callgrind, started at enable(). */
export class CallgrindWindow {
  readonly #dir = process.env[CALLGRIND_DIR_VARIABLE] ?? '';
  #startPart: number | undefined;
  #endPart: number | undefined;

  /** Starts the window: callgrind dumps (and so restarts) its counts. */
  enable(): void {
    if (this.#startPart !== undefined) return;
    // Listed before the dump, so that the listing is not counted in the window.
    this.#startPart = Math.max(0, ...this.#parts()) + 1;
    getPriority();
  }

  /** Ends the window: the dump callgrind writes now holds the window's instructions. */
  disable(): void {
    if (this.#startPart === undefined || this.#endPart !== undefined) return;
    getPriority();
    this.#endPart = Math.max(0, ...this.#parts());
  }

  /** `instructions` of the window, or `perf_note` saying why there is none. */
  finish(): PerfFields {
    if (this.#startPart === undefined) return {};
    this.disable();
    const start = this.#startPart;
    const end = this.#endPart ?? 0;
    if (end !== start + 1 || !this.#parts().includes(start))
      return {
        perf_note: `callgrind wrote no dump at the window's start and end (parts ${start}, ${end} in '${this.#dir}'): is this process running under valgrind --tool=callgrind --dump-before=${DUMP_FUNCTION}?`,
      };
    const text = readFileSync(join(this.#dir, `callgrind.${process.pid}.${end}`), 'utf8');
    // `summary:` counts every instruction since the previous dump (the dumps' summaries add up to
    // valgrind's `Collected`).
    const summary = /^summary: (\d+)$/m.exec(text);
    if (summary === null) return { perf_note: `callgrind's dump ${end} has no summary line` };
    return { instructions: Number(summary[1]) };
  }

  #parts(): number[] {
    try {
      return dumpParts(this.#dir);
    } catch {
      return [];
    }
  }
}
