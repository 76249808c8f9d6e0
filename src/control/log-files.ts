// Worker output goes to run_dir/logs/<worker>.log: the child's stdout and stderr ARE that file
// (opened O_APPEND by control), written synchronously, so a worker in a synchronous loop never
// blocks on its output and never buffers it (a pipe to control would do both: TOOLCHAIN).
import { closeSync, fstatSync, openSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { makeDirectory } from '../make-directory.js';

/** A line longer than this is written in pieces, so a worker that never ends its line stays small. */
export const MAX_LINE_CHARS = 16_384;

/** The log file of a worker; every process of the worker appends to it. */
export function workerLogPath(logDir: string, worker: string): string {
  return join(logDir, `${worker.replace(/[^\w.-]/g, '_')}.log`);
}

/** Opens (creating dir and file) the worker's log for appending; the caller closes the fd. */
export function openWorkerLog(logDir: string, worker: string): number {
  makeDirectory(logDir);
  return openSync(workerLogPath(logDir, worker), 'a');
}

/** The prefix of every line a worker process writes: its process index. */
export function logLinePrefix(processIndex: number): string {
  return `[${processIndex}] `;
}

type WriteCallback = (error?: Error | null) => void;

/** How often a worker process looks whether control has rotated its log file. */
const REOPEN_CHECK_MS = 1000;

/**
 * Where a worker process's lines go: the log file control opened as its stdout and stderr, and
 * once control has rotated it (renamed it `<worker>.log.1` and made a new one), the new file.
 */
class LogTarget {
  readonly #path: string | undefined;
  #fd: number;
  #inode: number;
  #checkedAt = Date.now();

  constructor(fd: number, path: string | undefined) {
    this.#fd = fd;
    this.#path = path;
    this.#inode = fstatSync(fd).ino;
  }

  write(text: string): void {
    if (this.#path !== undefined && Date.now() - this.#checkedAt >= REOPEN_CHECK_MS) this.#follow(this.#path);
    writeSync(this.#fd, text);
  }

  #follow(path: string): void {
    this.#checkedAt = Date.now();
    try {
      const inode = statSync(path).ino;
      if (inode === this.#inode) return;
      const fd = openSync(path, 'a');
      if (this.#fd > 2) closeSync(this.#fd);
      this.#fd = fd;
      this.#inode = inode;
    } catch {
      // Removed, or being rotated right now: go on writing where we are.
    }
  }
}

/** Prefixes complete lines and keeps the unfinished one, bounded by MAX_LINE_CHARS. */
class LinePrefixer {
  readonly #target: LogTarget;
  readonly #prefix: string;
  readonly #decoder = new StringDecoder('utf8');
  #partial = '';

  constructor(target: LogTarget, prefix: string) {
    this.#target = target;
    this.#prefix = prefix;
  }

  write(text: string): void {
    const lines = (this.#partial + text).split('\n');
    this.#partial = lines.pop() ?? '';
    while (this.#partial.length > MAX_LINE_CHARS) {
      lines.push(this.#partial.slice(0, MAX_LINE_CHARS));
      this.#partial = this.#partial.slice(MAX_LINE_CHARS);
    }
    if (lines.length > 0) this.#emit(lines);
  }

  writeChunk(chunk: string | Uint8Array, encoding: BufferEncoding | undefined): void {
    if (typeof chunk !== 'string')
      this.write(this.#decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)));
    else if (encoding === undefined || encoding === 'utf8' || encoding === 'utf-8') this.write(chunk);
    else this.write(Buffer.from(chunk, encoding).toString('utf8'));
  }

  /** Writes the unfinished line, as a line. */
  flush(): void {
    const rest = this.#partial + this.#decoder.end();
    this.#partial = '';
    if (rest.length > 0) this.#emit([rest]);
  }

  // One write(2) per call: with O_APPEND, lines of several processes never interleave.
  #emit(lines: readonly string[]): void {
    const text = lines.map((line) => `${this.#prefix}${line}\n`).join('');
    try {
      this.#target.write(text);
    } catch {
      // A full disk must not kill the worker; its output is lost, its data is not.
    }
  }
}

/**
 * In a worker process: replaces process.stdout.write and process.stderr.write (so console.*)
 * with synchronous writes of whole lines, each starting with `prefix`. With `logFile` (what fds 1
 * and 2 are), lines follow that file when control rotates it.
 */
export function installLinePrefix(prefix: string, logFile?: string): void {
  const prefixers: LinePrefixer[] = [];
  // One target for both streams when they are the same file (the log), else one each.
  const shared = logFile === undefined ? undefined : new LogTarget(1, logFile);
  for (const [stream, fd] of [
    [process.stdout, 1],
    [process.stderr, 2],
  ] as const) {
    const prefixer = new LinePrefixer(shared ?? new LogTarget(fd, undefined), prefix);
    prefixers.push(prefixer);
    const write = (
      chunk: string | Uint8Array,
      encodingOrCallback?: BufferEncoding | WriteCallback,
      callback?: WriteCallback,
    ): boolean => {
      const encoding = typeof encodingOrCallback === 'string' ? encodingOrCallback : undefined;
      prefixer.writeChunk(chunk, encoding);
      // Called at once, the write being done: a nextTick per console.log (which passes a callback)
      // would pile up in a synchronous template loop until the heap runs out.
      const done = typeof encodingOrCallback === 'function' ? encodingOrCallback : callback;
      done?.(null);
      return true;
    };
    stream.write = write;
  }
  process.on('exit', () => {
    for (const prefixer of prefixers) prefixer.flush();
  });
}
