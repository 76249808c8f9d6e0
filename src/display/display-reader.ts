import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { checkDisplayContent } from './check-content.js';
import { isDisplayFileName, type DisplayFrame } from './frame.js';
import { isRecord } from '../is-record.js';

/** A frame read from a file, or undefined when the file does not hold one. */
function parseFrame(text: string): DisplayFrame | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(value)) return undefined;
  const { worker, processIndex, name, sequence, publishedAtS, content } = value;
  if (typeof worker !== 'string' || typeof name !== 'string') return undefined;
  if (!Number.isInteger(processIndex) || !Number.isInteger(sequence)) return undefined;
  if (typeof publishedAtS !== 'number' || checkDisplayContent(content).length > 0) return undefined;
  return value as unknown as DisplayFrame;
}

/** Whether a display directory holds a display's frame (cheap: one directory listing). */
export function hasDisplayFiles(directory: string): boolean {
  try {
    return readdirSync(directory).some(isDisplayFileName);
  } catch {
    return false;
  }
}

/**
 * Control's side of the displays: reads the display files of a run that changed since the last
 * look. Cheap when nothing changed (a directory listing and a stat per display).
 */
export class DisplayReader {
  readonly #directory: string;
  /** File name -> its modification time when last read. */
  readonly #seen = new Map<string, bigint>();

  constructor(directory: string) {
    this.#directory = directory;
  }

  /** The frames of the files that changed since the last call; none once the directory is gone. */
  read(): DisplayFrame[] {
    let names: string[];
    try {
      names = readdirSync(this.#directory);
    } catch {
      return [];
    }
    const frames: DisplayFrame[] = [];
    for (const name of names) {
      if (!isDisplayFileName(name)) continue;
      const path = join(this.#directory, name);
      try {
        const modified = statSync(path, { bigint: true }).mtimeNs;
        if (this.#seen.get(name) === modified) continue;
        this.#seen.set(name, modified);
        const frame = parseFrame(readFileSync(path, 'utf8'));
        if (frame !== undefined) frames.push(frame);
      } catch {
        // Gone between the listing and the read: the run is ending.
      }
    }
    return frames;
  }
}
