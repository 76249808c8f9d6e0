// The protocol between control and one worker process. It works without the event loop in the
// child, because templates run synchronous loops that block it (blocking pipe reads):
//
//   control                                   worker process (src/control/worker-entry.ts)
//   ───────                                   ──────────────
//   fd 4 ──► one JSON line: StartMessage ──►  blocking readSync until '\n'
//   fd 3 ◄── JSON line {type:'ready'}     ◄── fs.writeSync, when its template has checked its buffers
//   fd 4 ──► the single byte GO_BYTE      ──► io.waitForGo(): blocking readSync of one byte
//   fd 3 ◄── JSON line {type:'failed'}    ◄── before a non-zero exit (load, start or run error)
//
// Both fds are stdio 'pipe's (socket pairs) whose child end is blocking. Node's IPC channel is
// not used: it needs the event loop, and its handle would keep the child alive. EOF on fd 4 tells
// the child that control is gone. stdout/stderr are the worker's log file, not part of this.
// Nothing else travels here: commands to running workers (pause, stop) are flags in the buffer
// files, which a process blocked in a pipe read still obeys when it wakes.

import { isRecord } from '../is-record.js';

/** The child's fd on which it writes ChildMessage lines to control. */
export const CHILD_TO_CONTROL_FD = 3;
/** The child's fd from which it reads the StartMessage line, then GO_BYTE. */
export const CONTROL_TO_CHILD_FD = 4;
/** Sent by control once every process of the run is ready: data may flow. */
export const GO_BYTE = 0x67; // 'g'

/** What one worker process runs and with which buffers; control builds it from the setup. */
export interface WorkerStartSpec {
  /** The worker's name in the setup file. */
  readonly worker: string;
  /** 0-based index of this process among the worker's `number_of_processes`. */
  readonly processIndex: number;
  /** Absolute path of the module to load (`.ts`, `.js`, `.mjs`, `.cjs`, or `.py`: see python-worker.ts). */
  readonly file: string;
  /** The interpreter of a `.py` file (the worker's `python` key); @default MIMOCORB2_PYTHON, else /usr/bin/python3 */
  readonly python?: string;
  /** Name of the exported function `(io: BufferIO) => void | Promise<void>`. */
  readonly functionName: string;
  /** Flags of the node process besides control's own (a prebuilt function's, e.g. V8 heap settings). */
  readonly nodeFlags?: readonly string[];
  /** The merged config; passed as JSON, so it may be large. */
  readonly config: Readonly<Record<string, unknown>>;
  readonly setupDir: string;
  /** Absolute path of the setup file (for files that record where they came from). */
  readonly setupFile?: string;
  readonly runDir: string;
  /** Buffer file paths (`<name>.mimobuf`), opened with RingBuffer.open in the child. */
  readonly sources: readonly string[];
  readonly sinks: readonly string[];
  readonly observes: readonly string[];
  /** Where the process publishes its displays; none when control shows no displays. */
  readonly displayDir?: string;
}

/** The first and only line control writes to CONTROL_TO_CHILD_FD. */
export interface StartMessage {
  readonly type: 'start';
  readonly spec: WorkerStartSpec;
  /** Control's pid: the child exits at once if its parent is already another process. */
  readonly parentPid: number;
  /** Poll interval of the parent watchdog thread; 0 when `setpriv --pdeathsig KILL` covers it. */
  readonly watchdogIntervalMs: number;
  /** After the worker function returned, how long pending async work may keep the process alive. */
  readonly exitDrainMs: number;
  /** The log file stdout and stderr go to; opened again by path when control has rotated it. */
  readonly logFile?: string;
}

/** An error as data, so that it crosses the process boundary (rebuilt by deserializeError). */
export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  readonly code?: string;
  readonly cause?: SerializedError;
}

/** Where in its life a worker process failed. */
export type WorkerPhase = 'load' | 'start' | 'run';

/** Each phase as words, for messages: "failed <phase text>". */
export const PHASE_TEXT: Readonly<Record<WorkerPhase, string>> = {
  load: 'while loading its function',
  start: 'while setting up (its config, buffers and template)',
  run: 'while running',
};

/** The child loaded its function and its template checked the buffers. */
export interface ReadyMessage {
  readonly type: 'ready';
}

/** The child failed and is about to exit non-zero. */
export interface FailedMessage {
  readonly type: 'failed';
  /** load: module or export; start: before ready (template checks); run: after ready. */
  readonly phase: WorkerPhase;
  readonly error: SerializedError;
}

/** One JSON line the child writes to CHILD_TO_CONTROL_FD. */
export type ChildMessage = ReadyMessage | FailedMessage;

const MAX_CAUSE_DEPTH = 4;

/** Turns anything thrown into data; non-Error values become an Error-like record. */
export function serializeError(error: unknown, depth = 0): SerializedError {
  if (!(error instanceof Error)) {
    return { name: 'NonErrorThrown', message: `a non-Error value was thrown: ${describeValue(error)}` };
  }
  const code = (error as { code?: unknown }).code;
  const cause =
    depth < MAX_CAUSE_DEPTH && error.cause !== undefined ? serializeError(error.cause, depth + 1) : undefined;
  return {
    name: error.name,
    message: error.message,
    ...(error.stack === undefined ? {} : { stack: error.stack }),
    ...(typeof code === 'string' ? { code } : {}),
    ...(cause === undefined ? {} : { cause }),
  };
}

function describeValue(value: unknown): string {
  try {
    return typeof value === 'string' ? JSON.stringify(value) : String(value);
  } catch {
    return typeof value;
  }
}

/** An error rebuilt in control from a worker process's SerializedError. */
export class RemoteWorkerError extends Error {
  readonly code: string | undefined;
  constructor(data: SerializedError) {
    super(data.message, data.cause === undefined ? undefined : { cause: new RemoteWorkerError(data.cause) });
    this.name = data.name;
    this.code = data.code;
    if (data.stack !== undefined) this.stack = data.stack;
  }
}

/** Rebuilds an error serialized in a worker process. */
export function deserializeError(data: SerializedError): RemoteWorkerError {
  return new RemoteWorkerError(data);
}

// ---- validation of what crosses the boundary (never trusted, never cast) -------------------

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function validateSerializedError(value: unknown): SerializedError | undefined {
  if (!isRecord(value) || typeof value['name'] !== 'string' || typeof value['message'] !== 'string')
    return undefined;
  const { stack, code } = value;
  const cause = validateSerializedError(value['cause']);
  return {
    name: value['name'],
    message: value['message'],
    ...(typeof stack === 'string' ? { stack } : {}),
    ...(typeof code === 'string' ? { code } : {}),
    ...(cause === undefined ? {} : { cause }),
  };
}

/** Parses one line from a child; undefined for anything that is not a ChildMessage. */
export function parseChildMessage(line: string): ChildMessage | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!isRecord(value)) return undefined;
  if (value['type'] === 'ready') return { type: 'ready' };
  if (value['type'] !== 'failed') return undefined;
  const phase = value['phase'];
  const error = validateSerializedError(value['error']);
  if ((phase !== 'load' && phase !== 'start' && phase !== 'run') || error === undefined) return undefined;
  return { type: 'failed', phase, error };
}

function requireString(value: unknown, key: string): string {
  if (typeof value !== 'string') throw new TypeError(`start message: spec.${key} must be a string`);
  return value;
}

function requirePaths(value: unknown, key: string): string[] {
  if (!isStringArray(value)) throw new TypeError(`start message: spec.${key} must be an array of paths`);
  return value;
}

function validateSpec(value: unknown): WorkerStartSpec {
  if (!isRecord(value)) throw new TypeError('start message: spec must be an object');
  const { processIndex, config } = value;
  if (typeof processIndex !== 'number' || !Number.isInteger(processIndex) || processIndex < 0)
    throw new TypeError('start message: spec.processIndex must be an integer >= 0');
  if (!isRecord(config)) throw new TypeError('start message: spec.config must be an object');
  return {
    worker: requireString(value['worker'], 'worker'),
    processIndex,
    file: requireString(value['file'], 'file'),
    ...(value['python'] === undefined ? {} : { python: requireString(value['python'], 'python') }),
    functionName: requireString(value['functionName'], 'functionName'),
    config,
    setupDir: requireString(value['setupDir'], 'setupDir'),
    runDir: requireString(value['runDir'], 'runDir'),
    ...(value['setupFile'] === undefined
      ? {}
      : { setupFile: requireString(value['setupFile'], 'setupFile') }),
    sources: requirePaths(value['sources'], 'sources'),
    sinks: requirePaths(value['sinks'], 'sinks'),
    observes: requirePaths(value['observes'], 'observes'),
    ...(value['displayDir'] === undefined
      ? {}
      : { displayDir: requireString(value['displayDir'], 'displayDir') }),
  };
}

function validateNonNegative(value: unknown, key: string): number {
  if (typeof value !== 'number' || !(value >= 0))
    throw new TypeError(`start message: ${key} must be a number >= 0`);
  return value;
}

/** Parses the start line in the child; throws a TypeError naming the bad key. */
export function parseStartMessage(line: string): StartMessage {
  const value: unknown = JSON.parse(line);
  if (!isRecord(value) || value['type'] !== 'start')
    throw new TypeError('start message: type must be "start"');
  return {
    type: 'start',
    spec: validateSpec(value['spec']),
    parentPid: validateNonNegative(value['parentPid'], 'parentPid'),
    watchdogIntervalMs: validateNonNegative(value['watchdogIntervalMs'], 'watchdogIntervalMs'),
    exitDrainMs: validateNonNegative(value['exitDrainMs'], 'exitDrainMs'),
    ...(value['logFile'] === undefined ? {} : { logFile: requireString(value['logFile'], 'logFile') }),
  };
}

/** One message as the line that carries it. */
export function encodeMessage(message: StartMessage | ChildMessage): string {
  return `${JSON.stringify(message)}\n`;
}
