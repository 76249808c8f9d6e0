import type { RunSnapshot } from '../stats/snapshot.js';

/** How long the page's charts reach back: an hour of one-second samples (Prometheus keeps more). */
export const SERIES_HISTORY_S = 3600;

/**
 * A run's statistics over time in columns, as the page's charts take them: one number per
 * snapshot for each quantity. Buffers and workers are in the setup's order (RunInfo).
 */
export interface SeriesHistoryData {
  /** Seconds since the epoch. */
  readonly time: readonly number[];
  /** Events committed per second, per buffer. */
  readonly rates: readonly (readonly number[])[];
  /** Fraction of the slots filled (waiting for a reader), per buffer. */
  readonly filled: readonly (readonly number[])[];
  /** CPU percent summed over the worker's processes, per worker. */
  readonly workerCpu: readonly (readonly number[])[];
  readonly controlCpu: readonly number[];
  readonly systemCpu: readonly number[];
}

/** Keeps the newest SERIES_HISTORY_S samples of the quantities the charts draw. */
export class SeriesHistory {
  readonly #capacity: number;
  readonly #time: number[] = [];
  readonly #rates: number[][];
  readonly #filled: number[][];
  readonly #workerCpu: number[][];
  readonly #controlCpu: number[] = [];
  readonly #systemCpu: number[] = [];

  constructor(buffers: number, workers: number, capacity = SERIES_HISTORY_S) {
    this.#capacity = capacity;
    this.#rates = Array.from({ length: buffers }, () => []);
    this.#filled = Array.from({ length: buffers }, () => []);
    this.#workerCpu = Array.from({ length: workers }, () => []);
  }

  append(snapshot: RunSnapshot): void {
    // The last snapshot of a run may come twice (the final sample is also the result's).
    if (this.#time.at(-1) === snapshot.time) return;
    const columns = [this.#time, ...this.#rates, ...this.#filled, ...this.#workerCpu];
    columns.push(this.#controlCpu, this.#systemCpu);
    this.#time.push(snapshot.time);
    snapshot.buffers.forEach((buffer, i) => {
      this.#rates[i]?.push(buffer.rate);
      this.#filled[i]?.push(buffer.filled);
    });
    snapshot.workers.forEach((worker, i) => this.#workerCpu[i]?.push(worker.cpuPercent));
    this.#controlCpu.push(snapshot.control.cpuPercent);
    this.#systemCpu.push(snapshot.system.cpuPercent);
    if (this.#time.length > this.#capacity) for (const column of columns) column.shift();
  }

  get data(): SeriesHistoryData {
    return {
      time: this.#time,
      rates: this.#rates,
      filled: this.#filled,
      workerCpu: this.#workerCpu,
      controlCpu: this.#controlCpu,
      systemCpu: this.#systemCpu,
    };
  }
}
