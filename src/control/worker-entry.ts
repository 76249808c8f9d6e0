// The program of one worker process (started by WorkerProcess; protocol in messages.ts):
// read the start line, load the worker function, open the buffers, call the function; its
// template reports ready and waits for go. No SIGTERM listener is installed here: a process
// blocked in a pipe read must still die on SIGTERM.
import { readSync, writeSync } from 'node:fs';
import { inspect } from 'node:util';
import { RingBuffer } from '../buffer/index.js';
import { UserFunctionError } from '../errors.js';
import { BufferIO } from '../templates/buffer-io.js';
import { installLinePrefix, logLinePrefix } from './log-files.js';
import {
  CHILD_TO_CONTROL_FD,
  CONTROL_TO_CHILD_FD,
  encodeMessage,
  GO_BYTE,
  parseStartMessage,
  PHASE_TEXT,
  serializeError,
  type ChildMessage,
  type StartMessage,
  type WorkerPhase,
} from './messages.js';
import { loadWorkerFunction, registerWorkerModuleResolution } from './module-resolution.js';
import { startParentWatchdog } from './supervision/parent-watch.js';
import { isTypeScriptFile } from './typescript-file.js';

const READ_CHUNK_BYTES = 65_536;
const NEWLINE = 0x0a;

/** What the entry has seen on fd 4 beyond the start line (only ever GO_BYTE). */
let hasGo = false;

function send(message: ChildMessage): void {
  writeSync(CHILD_TO_CONTROL_FD, encodeMessage(message));
}

/** Control closed its end: it is gone, and so is the reason to run. */
function exitControlGone(): never {
  process.stderr.write('control process is gone (its channel closed); exiting\n');
  process.exit(1);
}

/** Blocks until the whole start line has arrived (the config in it may be large). */
function readStartMessage(): StartMessage {
  const chunks: Buffer[] = [];
  for (;;) {
    const chunk = Buffer.alloc(READ_CHUNK_BYTES);
    const count = readSync(CONTROL_TO_CHILD_FD, chunk, 0, chunk.length, null);
    if (count === 0) exitControlGone();
    const end = chunk.subarray(0, count).indexOf(NEWLINE);
    if (end < 0) {
      chunks.push(chunk.subarray(0, count));
      continue;
    }
    chunks.push(chunk.subarray(0, end));
    hasGo = chunk.subarray(end + 1, count).includes(GO_BYTE);
    return parseStartMessage(Buffer.concat(chunks).toString('utf8'));
  }
}

/** io.waitForGo(): blocks in a pipe read until control says every process is ready. */
function blockUntilGo(): void {
  const byte = Buffer.alloc(1);
  while (!hasGo) {
    if (readSync(CONTROL_TO_CHILD_FD, byte, 0, 1, null) === 0) exitControlGone();
    hasGo = byte[0] === GO_BYTE;
  }
}

class WorkerRun {
  readonly #message: StartMessage;
  #phase: WorkerPhase = 'load';
  #io: BufferIO | undefined;
  #hasFailed = false;

  constructor(message: StartMessage) {
    this.#message = message;
  }

  async run(): Promise<void> {
    const { spec } = this.#message;
    const workerFunction = await loadWorkerFunction(spec.worker, spec.file, spec.functionName);
    this.#phase = 'start';
    this.#io = new BufferIO({
      name: spec.worker,
      processIndex: spec.processIndex,
      config: spec.config,
      setupDir: spec.setupDir,
      ...(spec.setupFile === undefined ? {} : { setupFile: spec.setupFile }),
      runDir: spec.runDir,
      sources: spec.sources.map((path) => RingBuffer.open(path)),
      sinks: spec.sinks.map((path) => RingBuffer.open(path)),
      observes: spec.observes.map((path) => RingBuffer.open(path)),
      displayDir: spec.displayDir,
      isSupervised: true,
      onReady: () => this.#reportReady(),
      waitForGo: blockUntilGo,
      // Replaced by installLinePrefix: synchronous, one prefixed line per write.
      logError: (text) => process.stderr.write(text),
    });
    await workerFunction(this.#io);
    // An async template run the function did not await (new Importer(io).run(async function* ...)).
    await this.#io.whenRunsDone();
    this.#io.drainLeftSources();
    this.#io.flushDisplays();
    // A function that returns without a template (or without calling io.ready()) is done: it
    // was ready, trivially.
    this.#io.ready();
    this.#closeBuffers();
  }

  #reportReady(): void {
    this.#phase = 'run';
    send({ type: 'ready' });
  }

  /** Hands back whatever the function left open; the last writer of a buffer ends its stream. */
  #closeBuffers(): void {
    this.#io?.shutdownSinks();
    this.#io?.closeSources();
  }

  /**
   * Logs the error, tells control, and exits non-zero, holding what it held: control returns its
   * slots and events (to a sibling or a restarted process) and closes its places. Runs once.
   */
  fail(error: unknown): never {
    if (!this.#hasFailed) {
      this.#hasFailed = true;
      const { worker, processIndex } = this.#message.spec;
      // A template has logged a user function's error with its stack already.
      const details = error instanceof UserFunctionError ? error.message : inspect(error);
      process.stderr.write(
        `worker '${worker}' process ${processIndex} failed ${PHASE_TEXT[this.#phase]}: ${details}\n`,
      );
      try {
        send({ type: 'failed', phase: this.#phase, error: serializeError(error) });
      } catch (sendError) {
        process.stderr.write(`and then, while telling control: ${inspect(sendError)}\n`);
      }
    }
    process.exit(1);
  }
}

async function main(): Promise<void> {
  const message = readStartMessage();
  installLinePrefix(logLinePrefix(message.spec.processIndex), message.logFile);
  // Covers a parent that died before setpriv set the death signal, or before the watchdog runs.
  if (process.ppid !== message.parentPid) exitControlGone();
  if (message.watchdogIntervalMs > 0) startParentWatchdog(message.parentPid, message.watchdogIntervalMs);
  const run = new WorkerRun(message);
  process.on('uncaughtException', (error) => run.fail(error));
  process.on('unhandledRejection', (reason) => run.fail(reason));
  try {
    await registerWorkerModuleResolution(isTypeScriptFile(message.spec.file));
    await run.run();
  } catch (error) {
    run.fail(error);
  }
  process.exitCode = 0;
  // Pending async work (a file being flushed) may finish; a stray handle may not keep us alive.
  setTimeout(() => {
    process.stderr.write(
      `still busy ${message.exitDrainMs} ms after the worker function returned; exiting\n`,
    );
    process.exit(0);
  }, message.exitDrainMs).unref();
}

await main();
