import { basename, dirname } from 'node:path';
import type { ResolvedSetup } from '../setup/index.js';

/** What stays the same over a run: the page's header, an attached TUI and `status` show it. */
export interface RunInfo {
  /** `run_<date>_<time>`, the run directory's name. */
  readonly runId: string;
  readonly runDirectory: string;
  readonly setupFile: string;
  /** The setup's folder and file name, e.g. `simple/setup.yaml`: short enough for a title. */
  readonly setupName: string;
  readonly controlPid: number;
  /** When the workers were started, seconds since the epoch. */
  readonly startedAt: number;
  readonly roots: readonly string[];
  readonly buffers: readonly {
    readonly name: string;
    readonly slotCount: number;
    readonly dataLength: number;
    readonly isRoot: boolean;
    readonly overwrite: boolean;
  }[];
  readonly workers: readonly {
    readonly name: string;
    readonly numberOfProcesses: number;
    readonly sources: readonly string[];
    readonly sinks: readonly string[];
    readonly observes: readonly string[];
  }[];
}

/** The RunInfo of a run of `setup`, started at `startedAt` by this process. */
export function describeRun(
  setup: ResolvedSetup,
  runDirectory: string,
  roots: readonly string[],
  startedAt: number,
): RunInfo {
  return {
    runId: basename(runDirectory),
    runDirectory,
    setupFile: setup.setupFile,
    setupName: `${basename(dirname(setup.setupFile))}/${basename(setup.setupFile)}`,
    controlPid: process.pid,
    startedAt,
    roots,
    buffers: setup.buffers.map((buffer) => ({
      name: buffer.name,
      slotCount: buffer.slotCount,
      dataLength: buffer.dataLength,
      isRoot: roots.includes(buffer.name),
      overwrite: buffer.overwrite,
    })),
    workers: setup.workers.map((worker) => ({
      name: worker.name,
      numberOfProcesses: worker.numberOfProcesses,
      sources: worker.sources,
      sinks: worker.sinks,
      observes: worker.observes,
    })),
  };
}
