import type { DisplayContent } from './content.js';

/** One published state of a display, as control reads it from the display's file. */
export interface DisplayFrame {
  readonly worker: string;
  readonly processIndex: number;
  /** The display's name within its worker process. */
  readonly name: string;
  /** 1 for the first publication, then one more each time. */
  readonly sequence: number;
  /** When it was published, seconds since the epoch. */
  readonly publishedAtS: number;
  readonly content: DisplayContent;
}

const FILE_SUFFIX = '.display.json';
// Worker and display names may hold any character; the file name keeps them readable and unique.
const encode = (part: string) => encodeURIComponent(part).replaceAll('.', '%2E');

/** `<worker>.<process index>.<name>`: names a display's files (its frame, its picture). */
export function displayFileStem(worker: string, processIndex: number, name: string): string {
  return `${encode(worker)}.${processIndex}.${encode(name)}`;
}

/** `<worker>.<process index>.<name>.display.json` inside the run's display directory. */
export function displayFileName(worker: string, processIndex: number, name: string): string {
  return `${displayFileStem(worker, processIndex, name)}${FILE_SUFFIX}`;
}

/** Whether a directory entry is a display file (not a publisher's temporary file). */
export function isDisplayFileName(fileName: string): boolean {
  return fileName.endsWith(FILE_SUFFIX);
}

/** A display's identity across its frames, e.g. for a tab: `worker#index/name`. */
export function displayKey(frame: Pick<DisplayFrame, 'worker' | 'processIndex' | 'name'>): string {
  return `${frame.worker}#${frame.processIndex}/${frame.name}`;
}
