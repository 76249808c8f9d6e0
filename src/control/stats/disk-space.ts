import { statfsSync } from 'node:fs';
import { formatMemorySize } from '../setup/index.js';

/** The free space of the file system a run writes to, and how fast it shrinks. */
export interface DiskSpace {
  readonly path: string;
  readonly freeBytes: number;
  /** Bytes per second the free space shrank by over the last minute (negative: it grew). */
  readonly bytesPerS: number;
  /** At that rate, seconds until the disk is full; undefined while it does not shrink. */
  readonly secondsLeft: number | undefined;
}

/** Warn when the free space lasts less than this at the current rate. */
export const DISK_WARNING_S = 3600;
const WINDOW_S = 60;
/** A rate over less time than this says little. */
const MIN_SPAN_S = 10;

interface Sample {
  readonly time: number;
  readonly free: number;
}

/**
 * Watches the free space where a run writes (its run directory: data files, logs, statistics)
 * and says when it lasts less than an hour at the rate it shrank over the last minute: a long
 * run must not fill the disk by surprise.
 */
export class DiskSpaceWatch {
  readonly #path: string;
  readonly #readFreeBytes: (path: string) => number;
  readonly #samples: Sample[] = [];
  #warnedSecondsLeft = Infinity;

  /** `readFreeBytes`: bytes an unprivileged process may still write there. @default statfs */
  constructor(path: string, readFreeBytes = statfsFreeBytes) {
    this.#path = path;
    this.#readFreeBytes = readFreeBytes;
  }

  /** Reads the free space now (`now` in seconds); undefined when the file system cannot be read. */
  sample(now: number): DiskSpace | undefined {
    let free: number;
    try {
      free = this.#readFreeBytes(this.#path);
    } catch {
      return undefined;
    }
    this.#samples.push({ time: now, free });
    while ((this.#samples[0] as Sample).time < now - WINDOW_S) this.#samples.shift();
    const first = this.#samples[0] as Sample;
    const span = now - first.time;
    const bytesPerS = span >= MIN_SPAN_S ? (first.free - free) / span : 0;
    const secondsLeft = bytesPerS > 0 ? free / bytesPerS : undefined;
    return { path: this.#path, freeBytes: free, bytesPerS, secondsLeft };
  }

  /**
   * A warning when the space lasts less than an hour: the first time, and again each time the
   * time left has halved since the last warning.
   */
  warning(space: DiskSpace | undefined): string | undefined {
    if (space?.secondsLeft === undefined || space.secondsLeft >= DISK_WARNING_S) return undefined;
    if (space.secondsLeft >= this.#warnedSecondsLeft / 2) return undefined;
    this.#warnedSecondsLeft = space.secondsLeft;
    const minutes = Math.max(1, Math.round(space.secondsLeft / 60));
    return (
      `the disk of ${space.path} has ${formatMemorySize(space.freeBytes)} free and fills at ` +
      `${formatMemorySize(space.bytesPerS)}/s: full in about ${minutes} min; make room or stop the run`
    );
  }
}

function statfsFreeBytes(path: string): number {
  const { bavail, bsize } = statfsSync(path);
  return bavail * bsize;
}
