import { spawn, type ChildProcess } from 'node:child_process';
import { withWorkerPrefix, workerPrefix } from '../control/supervision/worker-prefix.js';
import type { CleanupRegistry } from './cleanup.js';
import { killProcessGroup } from './cleanup.js';

const STDERR_TAIL_CHARS = 2000;

/** A JSON object as a child sent it; read its fields with the helpers of child-result.ts. */
export type JsonObject = { readonly [key: string]: unknown };

/** A child process to start for one benchmark run: `node` by default. */
export interface ChildSpec {
  /** Names the child in results and error messages. */
  readonly name: string;
  /** Absolute path of a compiled .js file, run by this process's own node binary (or by `program`). */
  readonly script: string;
  /** Another interpreter for `script`, e.g. /usr/bin/python3; nodeArgs are then not used. */
  readonly program?: string;
  readonly args?: readonly string[];
  readonly nodeArgs?: readonly string[];
  /** After its ready line the child waits for `go` on stdin, sent once every child is ready. @default false */
  readonly startsOnGo?: boolean;
  /**
   * Speaks the line protocol of child/protocol.ts (a ready line, then one result line). A child that
   * does not (e.g. the real CLI) counts as ready once spawned and its stdout lines are collected.
   * @default true
   */
  readonly speaksProtocol?: boolean;
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
}

/** How one child ended. */
export interface ChildOutcome {
  readonly name: string;
  readonly pid: number;
  /** The protocol child's result line (its `type` key included). */
  readonly result: JsonObject | undefined;
  /** Lines that were not protocol messages (all lines of a non-protocol child). */
  readonly stdoutLines: readonly string[];
}

/**
 * One child process: started detached (its own process group, so Ctrl-C reaches only the
 * benchmark, which then kills the group), its stdout split into protocol lines, the tail of its
 * stderr kept for error messages. The group is killed on dispose() and by the cleanup registry.
 */
export class ChildHandle {
  readonly spec: ChildSpec;
  readonly #child: ChildProcess;
  readonly #unregister: () => void;
  readonly #stdoutLines: string[] = [];
  #partialLine = '';
  #stderrTail = '';
  #result: JsonObject | undefined;
  #isReady: boolean;
  #exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  #markReady: () => void = () => undefined;
  /** Resolves on the ready line; rejects if the child ends or fails to start first. */
  readonly ready: Promise<void>;
  /** Resolves when the child has exited and its output is read; never rejects. */
  readonly closed: Promise<void>;

  constructor(spec: ChildSpec, cleanup: CleanupRegistry) {
    this.spec = spec;
    this.#isReady = spec.speaksProtocol === false;
    const programArgs = spec.program === undefined ? (spec.nodeArgs ?? []) : [];
    const env = spec.env ?? process.env;
    // Measuring node children run under the workers' prefix too (--instructions=callgrind).
    const { command, args } = withWorkerPrefix(
      {
        command: spec.program ?? process.execPath,
        args: [...programArgs, spec.script, ...(spec.args ?? [])],
      },
      spec.program === undefined && spec.speaksProtocol !== false ? workerPrefix(env) : [],
    );
    this.#child = spawn(command, args, {
      cwd: spec.cwd,
      env,
      detached: true,
      stdio: [spec.startsOnGo === true ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    });
    this.#child.once('exit', (code, signal) => (this.#exit = { code, signal }));
    const pid = this.#child.pid;
    this.#unregister = cleanup.add(() => killProcessGroup(pid));
    this.#child.stdout?.setEncoding('utf8').on('data', (chunk: string) => this.#onStdout(chunk));
    this.#child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      this.#stderrTail = (this.#stderrTail + chunk).slice(-STDERR_TAIL_CHARS);
    });
    this.#child.stdin?.on('error', () => undefined);
    this.ready = new Promise<void>((resolve, reject) => {
      this.#markReady = resolve;
      if (this.#isReady) resolve();
      this.#child.once('error', (error) =>
        reject(new Error(`${this.#label()} could not start: ${error.message}`)),
      );
      this.#child.once('exit', () => {
        if (!this.#isReady) reject(new Error(`${this.#label()} ended before it was ready:`));
      });
    });
    this.ready.catch(() => undefined);
    this.closed = new Promise<void>((resolve) => {
      this.#child.once('close', () => resolve());
      this.#child.once('error', () => resolve());
    });
  }

  get pid(): number {
    return this.#child.pid ?? -1;
  }

  /** True once the child exited with code 0 (and, if it speaks the protocol, sent its result). */
  get hasSucceeded(): boolean {
    const isProtocolDone = this.spec.speaksProtocol === false || this.#result !== undefined;
    return this.#exit?.code === 0 && isProtocolDone;
  }

  /** Tells a child held at its start to begin. */
  go(): void {
    this.#child.stdin?.end('go\n');
  }

  outcome(): ChildOutcome {
    return { name: this.spec.name, pid: this.pid, result: this.#result, stdoutLines: this.#stdoutLines };
  }

  /** One line for error messages: name, pid, state, and the tail of stderr. */
  describe(): string {
    const exit = this.#exit;
    const state =
      exit === undefined
        ? this.#isReady
          ? 'running'
          : 'starting'
        : exit.signal !== null
          ? `killed by ${exit.signal}`
          : `exited with code ${exit.code}${this.spec.speaksProtocol !== false && this.#result === undefined ? ' without a result' : ''}`;
    const stderr = this.#stderrTail.trim();
    return `${this.#label()} ${state}${stderr ? `; its stderr ends: ${stderr.slice(-600)}` : ''}`;
  }

  /** Kills the child's process group if it still runs, and forgets it. */
  dispose(): void {
    this.#unregister();
  }

  #label(): string {
    return `child '${this.spec.name}' (pid ${this.pid})`;
  }

  #onStdout(chunk: string): void {
    const lines = (this.#partialLine + chunk).split('\n');
    this.#partialLine = lines.pop() ?? '';
    for (const line of lines) this.#onLine(line);
  }

  #onLine(line: string): void {
    if (this.spec.speaksProtocol !== false && line.startsWith('{')) {
      const message = parseMessage(line);
      if (message?.['type'] === 'ready') {
        this.#isReady = true;
        this.#markReady();
        return;
      }
      if (message?.['type'] === 'result') {
        this.#result = message;
        return;
      }
    }
    this.#stdoutLines.push(line);
  }
}

function parseMessage(line: string): JsonObject | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as JsonObject)
      : undefined;
  } catch {
    return undefined;
  }
}
