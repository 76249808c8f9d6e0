import { appendFileSync, truncateSync, writeFileSync } from 'node:fs';
import { describeFileError } from '../../make-directory.js';
import type { RunSnapshot } from './snapshot.js';

// When a row is written: every 1 s for the first 10 s, every 10 s until 1 min, every minute until
// 10 min, every 10 min until 1 h, then hourly (as the original), plus a last row at the end.
const SCHEDULE: readonly (readonly [untilSeconds: number, everySeconds: number])[] = [
  [10, 1],
  [60, 10],
  [600, 60],
  [3600, 600],
];
const FINAL_INTERVAL_S = 3600;

/** Seconds between rows at `elapsed` seconds into the run. */
export function statsInterval(elapsed: number): number {
  for (const [until, every] of SCHEDULE) if (elapsed < until) return every;
  return FINAL_INTERVAL_S;
}

const MB = 2 ** 20;

function round(value: number, digits = 3): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** Column names and values of one snapshot, in a fixed order (documented in docs/running.md). */
export function flattenSnapshot(snapshot: RunSnapshot): [string, string | number][] {
  const row: [string, string | number][] = [
    ['time', new Date(snapshot.time * 1000).toISOString()],
    ['elapsed_s', round(snapshot.elapsed)],
    [
      'processes_alive',
      snapshot.processes.filter((p) => p.state !== 'exited' && p.state !== 'restarting').length,
    ],
    ['control.cpu_percent', round(snapshot.control.cpuPercent, 1)],
    ['control.rss_mb', round(snapshot.control.rssBytes / MB, 1)],
    ['system.cpu_percent', round(snapshot.system.cpuPercent, 1)],
    ['system.mem_used_mb', round(snapshot.system.memUsedBytes / MB, 0)],
  ];
  for (const b of snapshot.buffers) {
    const p = `buffer.${b.name}.`;
    row.push(
      [`${p}events`, b.events],
      [`${p}rate`, round(b.rate, 1)],
      [`${p}filled`, round(b.filled)],
      [`${p}free`, round(b.free)],
      [`${p}dead_time`, round(b.deadTime, 4)],
      [`${p}lag`, b.lag],
      [`${p}age_p50_s`, b.ageP50 === null ? '' : round(b.ageP50, 6)],
      [`${p}age_p99_s`, b.ageP99 === null ? '' : round(b.ageP99, 6)],
      [`${p}paused`, b.paused ? 1 : 0],
      [`${p}ended`, b.ended ? 1 : 0],
      [`${p}discarded`, b.discarded],
      [`${p}overwritten`, b.overwritten],
      [`${p}redelivered`, b.redelivered],
      [`${p}undeliverable`, b.undeliverable],
    );
  }
  for (const w of snapshot.workers) {
    const p = `worker.${w.name}.`;
    row.push(
      [`${p}alive`, w.processesAlive],
      [`${p}cpu_percent`, round(w.cpuPercent, 1)],
      [`${p}rss_mb`, round(w.rssBytes / MB, 1)],
      [`${p}restarts`, w.restarts],
    );
  }
  return row;
}

function csvCell(value: string | number): string {
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Appends snapshots to stats.csv on the schedule above; `finish()` writes the last row. A row that
 * cannot be written (a full disk, a removed run directory) is reported once to `onError` and
 * skipped: statistics never stop a run.
 */
export class StatsCsv {
  readonly #path: string;
  readonly #onError: (message: string) => void;
  #hasHeader = false;
  #hasFailed = false;
  #nextDue = 0;
  /** Bytes of the whole rows in the file (the header included). */
  #size = 0;

  constructor(path: string, onError: (message: string) => void = () => undefined) {
    this.#path = path;
    this.#onError = onError;
  }

  /** Writes a row if the schedule says one is due. */
  offer(snapshot: RunSnapshot): void {
    const { elapsed } = snapshot;
    if (elapsed + 1e-3 < this.#nextDue) return;
    this.#write(snapshot);
    // Rows sit on a grid: 1 s steps to 10 s, then 20, 30, ... 60, then 120, 180, ...
    const interval = statsInterval(elapsed + 1e-3);
    this.#nextDue = (Math.floor((elapsed + 1e-3) / interval) + 1) * interval;
  }

  finish(snapshot: RunSnapshot): void {
    this.#write(snapshot);
  }

  #write(snapshot: RunSnapshot): void {
    const row = flattenSnapshot(snapshot);
    try {
      if (!this.#hasHeader) {
        const header = row.map(([name]) => csvCell(name)).join(',') + '\n';
        writeFileSync(this.#path, header);
        this.#hasHeader = true;
        this.#size = Buffer.byteLength(header);
      }
      const line = row.map(([, value]) => csvCell(value)).join(',') + '\n';
      appendFileSync(this.#path, line);
      this.#size += Buffer.byteLength(line);
    } catch (error) {
      this.#cutToWholeRows();
      if (this.#hasFailed) return;
      this.#hasFailed = true;
      this.#onError(`stats.csv could not be written (${describeFileError(error)}); its rows are skipped`);
    }
  }

  // A full disk may take part of a row: the next row, once there is room again, starts on a line of its own.
  #cutToWholeRows(): void {
    try {
      if (this.#hasHeader) truncateSync(this.#path, this.#size);
    } catch {
      // Gone with its directory: nothing to cut.
    }
  }
}
