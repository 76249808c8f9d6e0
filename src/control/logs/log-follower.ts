// Follows run_dir/logs/*.log as the workers append to them. Only control reads: the workers write
// their files synchronously and never wait for this reader (log-files.ts).
import { EventEmitter } from 'node:events';
import { closeSync, fstatSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { workerLogPath } from '../log-files.js';
import { parseLogLine, type LogLine } from './log-line.js';

export interface LogFollowerOptions {
  /** Time between two looks at the files. @default 250 */
  readonly intervalMs?: number;
  /**
   * Most bytes read from one file per look. A worker that writes faster than this is followed at
   * its tail; the lines in between are skipped (and said to be). @default 65536
   */
  readonly maxBytesPerRead?: number;
}

interface LogFollowerEvents {
  /** New complete lines, in file order per worker, at most once per interval. */
  lines: [readonly LogLine[]];
}

interface FollowedFile {
  readonly worker: string;
  readonly path: string;
  fd: number;
  readonly decoder: StringDecoder;
  position: number;
  partial: string;
  /** After a skip, the first (partial) line is dropped. */
  isMidLine: boolean;
}

const DEFAULT_INTERVAL_MS = 250;
const DEFAULT_MAX_BYTES = 64 * 1024;

/** Reads the lines the worker processes append to their log files, and emits them in batches. */
export class LogFollower extends EventEmitter<LogFollowerEvents> {
  readonly #logsDir: string;
  readonly #workerByFile = new Map<string, string>();
  readonly #files = new Map<string, FollowedFile>();
  readonly #intervalMs: number;
  readonly #maxBytes: number;
  #timer: NodeJS.Timeout | undefined;
  #isClosed = false;

  /** `workers`: the setup's worker names, to map file names back to them. */
  constructor(logsDir: string, workers: readonly string[], options: LogFollowerOptions = {}) {
    super();
    this.#logsDir = logsDir;
    for (const worker of workers) this.#workerByFile.set(basename(workerLogPath(logsDir, worker)), worker);
    this.#intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
    this.#maxBytes = options.maxBytesPerRead ?? DEFAULT_MAX_BYTES;
  }

  /** Starts following: existing content is read at the first look. */
  start(): this {
    if (this.#timer === undefined && !this.#isClosed) this.#schedule();
    return this;
  }

  /** Reads what is new in every file now and returns it (also emitted as 'lines'). */
  poll(): LogLine[] {
    if (this.#isClosed) return [];
    this.#discover();
    const lines: LogLine[] = [];
    for (const file of this.#files.values()) {
      this.#read(file, lines);
      // Rotated (log-rotation.ts): the old file was read to its end, on with the new one.
      if (this.#followRotation(file)) this.#read(file, lines);
    }
    if (lines.length > 0) this.emit('lines', lines);
    return lines;
  }

  /** Reads what is left, including an unfinished last line, then stops and closes the files. */
  close(): LogLine[] {
    if (this.#isClosed) return [];
    clearTimeout(this.#timer);
    const lines = this.poll();
    const rest: LogLine[] = [];
    for (const file of this.#files.values()) {
      const text = file.partial + file.decoder.end();
      if (text.length > 0 && !file.isMidLine) rest.push(parseLogLine(file.worker, text));
      closeSync(file.fd);
    }
    this.#files.clear();
    this.#isClosed = true;
    if (rest.length > 0) this.emit('lines', rest);
    return [...lines, ...rest];
  }

  #schedule(): void {
    this.#timer = setTimeout(() => {
      this.poll();
      if (!this.#isClosed) this.#schedule();
    }, this.#intervalMs);
    this.#timer.unref();
  }

  #discover(): void {
    let names: string[];
    try {
      names = readdirSync(this.#logsDir);
    } catch {
      return; // not made yet, or removed: nothing to follow
    }
    for (const name of names) {
      if (!name.endsWith('.log') || this.#files.has(name)) continue;
      let fd: number;
      try {
        fd = openSync(join(this.#logsDir, name), 'r');
      } catch {
        continue;
      }
      const worker = this.#workerByFile.get(name) ?? name.slice(0, -'.log'.length);
      this.#files.set(name, {
        worker,
        path: join(this.#logsDir, name),
        fd,
        decoder: new StringDecoder('utf8'),
        position: 0,
        partial: '',
        isMidLine: false,
      });
    }
  }

  /** Switches to the file now at the followed path if it is another one; true if it did. */
  #followRotation(file: FollowedFile): boolean {
    let fd: number;
    try {
      if (statSync(file.path).ino === fstatSync(file.fd).ino) return false;
      fd = openSync(file.path, 'r');
    } catch {
      return false;
    }
    closeSync(file.fd);
    file.fd = fd;
    file.position = 0;
    return true;
  }

  #read(file: FollowedFile, into: LogLine[]): void {
    const size = fstatSync(file.fd).size;
    if (size < file.position) file.position = 0; // truncated: start over
    if (size === file.position) return;
    let start = file.position;
    if (size - start > this.#maxBytes) {
      const skipped = size - this.#maxBytes - start;
      into.push({
        worker: file.worker,
        processIndex: undefined,
        text: `… ${skipped.toLocaleString('en')} bytes of output skipped (written faster than shown)`,
        isError: false,
      });
      start = size - this.#maxBytes;
      file.partial = '';
      file.isMidLine = true;
      file.decoder.end();
    }
    const buffer = Buffer.allocUnsafe(size - start);
    const bytes = readSync(file.fd, buffer, 0, buffer.length, start);
    file.position = start + bytes;
    const pieces = (file.partial + file.decoder.write(buffer.subarray(0, bytes))).split('\n');
    file.partial = pieces.pop() ?? '';
    if (file.isMidLine && pieces.length > 0) {
      pieces.shift();
      file.isMidLine = false;
    }
    for (const raw of pieces) into.push(parseLogLine(file.worker, raw));
  }
}
