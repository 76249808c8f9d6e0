// Exporter file rotation (`rotate_mb`, `rotate_minutes`): a run that lasts days writes a series of
// numbered files, `<stem>.0001<ext>`, `<stem>.0002<ext>`, …, each complete on its own (its own
// header), instead of one file that grows until the disk is full.
import { readdirSync } from 'node:fs';
import { basename, dirname, extname } from 'node:path';
import { types, type ConfigKey } from '../declaration/index.js';

const MIB = 2 ** 20;
const DIGITS = 4;

/** The config keys of an exporter whose files rotate; spread into its declaration's configs. */
export const rotationConfigs = {
  rotate_mb: {
    type: types.number({ above: 0 }),
    defaultText: 'no rotation by size',
    meaning: 'start the next numbered file before this one would pass this many MiB (2^20 bytes)',
  } satisfies ConfigKey<number>,
  rotate_minutes: {
    type: types.number({ above: 0 }),
    defaultText: 'no rotation by time',
    meaning: 'start the next numbered file once this one is this many minutes old (at the next save)',
  } satisfies ConfigKey<number>,
};

/** The values of the rotation keys a function read (readConfig). */
export interface RotationConfig {
  readonly rotate_mb?: number | undefined;
  readonly rotate_minutes?: number | undefined;
}

export function rotates(config: RotationConfig): boolean {
  return config.rotate_mb !== undefined || config.rotate_minutes !== undefined;
}

/** `dir/raw.mimo`, 3 → `dir/raw.0003.mimo`. */
export function numberedPath(path: string, number: number): string {
  const ext = extname(path);
  return `${path.slice(0, path.length - ext.length)}.${String(number).padStart(DIGITS, '0')}${ext}`;
}

/** The highest number of the files numberedPath(path, n) that exist; 0 when there is none. */
export function latestNumber(path: string): number {
  const ext = extname(path);
  const stem = basename(path, ext);
  const pattern = new RegExp(`^${escapeRegExp(stem)}\\.(\\d{${DIGITS},})${escapeRegExp(ext)}$`);
  let latest = 0;
  let entries: string[];
  try {
    entries = readdirSync(dirname(path));
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const number = Number(pattern.exec(entry)?.[1] ?? 0);
    if (number > latest) latest = number;
  }
  return latest;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A file an exporter appends to, as rotation sees it. */
export interface GrowingFile {
  readonly path: string;
  /** Its bytes, those still waiting in memory to be written included. */
  readonly size: number;
  /** Its bytes when it holds no event yet (its header). */
  readonly emptySize: number;
  close(): void;
}

/**
 * The file an exporter writes now: the plain path without rotation; with it, the numbered files
 * in turn. A restarted exporter appends to the latest numbered file (its clock starts anew).
 */
export class RotatingFile<F extends GrowingFile> {
  readonly #path: string;
  readonly #open: (path: string) => F;
  readonly #maxBytes: number;
  readonly #maxMs: number;
  readonly #isOn: boolean;
  #number: number;
  #file: F;
  /** The current file was closed (and opening the next one failed, or close() was called). */
  #isClosed = false;
  #openedMs: number;

  constructor(path: string, config: RotationConfig, open: (path: string) => F) {
    this.#path = path;
    this.#open = open;
    this.#maxBytes = config.rotate_mb === undefined ? Infinity : config.rotate_mb * MIB;
    this.#maxMs = config.rotate_minutes === undefined ? Infinity : config.rotate_minutes * 60_000;
    this.#isOn = rotates(config);
    this.#number = this.#isOn ? Math.max(1, latestNumber(path)) : 0;
    this.#file = open(this.#isOn ? numberedPath(path, this.#number) : path);
    this.#openedMs = performance.now();
  }

  /** The file written now. */
  get file(): F {
    return this.#file;
  }

  /**
   * The file to write `adding` more bytes to: the next numbered one when the current one holds
   * events and would pass rotate_mb, or is older than rotate_minutes. Returns the path of the
   * file closed, if any.
   */
  next(adding: number): string | undefined {
    if (!this.#isOn || adding === 0) return undefined;
    const file = this.#file;
    if (file.size <= file.emptySize) return undefined;
    const now = performance.now();
    if (file.size + adding <= this.#maxBytes && now - this.#openedMs < this.#maxMs) return undefined;
    file.close();
    this.#isClosed = true;
    this.#number++;
    this.#file = this.#open(numberedPath(this.#path, this.#number));
    this.#isClosed = false;
    this.#openedMs = now;
    return file.path;
  }

  close(): void {
    if (this.#isClosed) return;
    this.#isClosed = true;
    this.#file.close();
  }
}

/** The file of `path` written last: `path` itself, or with rotation the latest numbered one. */
export function latestFile(path: string, isNumbered: boolean): string {
  return isNumbered ? numberedPath(path, Math.max(1, latestNumber(path))) : path;
}
