import { join } from 'node:path';
import { BenchError } from '../bench-error.js';
import type { RunContext, RunMeasurement } from '../types.js';
import { measureChain, type ChainExpectation } from './chain-check.js';
import { runSetup, type SetupRunResult } from './run-setup.js';
import { runSetupInTui } from './run-setup-in-tui.js';
import { runSetupWithWeb } from './run-setup-with-web.js';
import { writeSetupFiles, type BenchSetup, type BenchWorker } from './setup-files.js';
import { WorkerFunction } from './worker-module.js';

/** An importer -> [filter] -> exporter chain, as scenarios A, B, C, E, O and F use it. */
export interface ChainOptions {
  readonly events: number;
  /** Field name -> dtype of every buffer. */
  readonly fields: Readonly<Record<string, string>>;
  readonly dataLength: number;
  readonly slotCount: number;
  readonly importer: { readonly function: string; readonly config?: Readonly<Record<string, unknown>> };
  /** Processes of the pass-all filter between two buffers; 0 for importer -> exporter on one buffer. */
  readonly filterProcesses: number;
  /**
   * Buffers from importer to exporter, with a pass-all filter of `filterProcesses` processes
   * between each two (`filter` for one, else `filter1`, `filter2`, ...). Default: 2 with a filter,
   * 1 without; more than 2 needs filterProcesses >= 1.
   */
  readonly hops?: number;
  readonly exporter: string;
  /** Adds an oscilloscope on the first buffer: a bench worker function, and its config. */
  readonly observer?: { readonly function: string; readonly config: Readonly<Record<string, unknown>> };
  /**
   * `tui` runs the CLI with its terminal UI in a tmux pane; `web` headless with its web server
   * watched by two pages and a /metrics scraper; the default is headless (`--ui none`).
   */
  readonly ui?: 'none' | 'tui' | 'web';
  /** Stages that run the Python bench module's function of the same name in the Python runtime. */
  readonly python?: readonly ChainStage[];
}

/** A stage of a chain, for ChainOptions.python. */
export type ChainStage = 'importer' | 'filter' | 'exporter';

/** One chain run: the checked measurement, and what the run left for scenario-specific figures. */
export interface ChainRun {
  readonly measurement: RunMeasurement;
  readonly result: SetupRunResult;
}

const IMPORTER = 'importer';
const FILTER = 'filter';
const EXPORTER = 'exporter';
const OBSERVER = 'oscilloscope';

/** The buffers of a chain of `hops` buffers: raw, hop1, hop2, ..., filtered (raw alone for 1). */
export function chainBuffers(hops: number): string[] {
  if (hops === 1) return ['raw'];
  return ['raw', ...Array.from({ length: hops - 2 }, (_, i) => `hop${i + 1}`), 'filtered'];
}

/** The filter workers of a chain of `hops` buffers. */
export function chainFilters(hops: number): string[] {
  if (hops <= 2) return hops === 2 ? [FILTER] : [];
  return Array.from({ length: hops - 1 }, (_, i) => `${FILTER}${i + 1}`);
}

/** The setup of a chain and what its runs must do. */
export function makeChainSetup(options: ChainOptions): { setup: BenchSetup; expectation: ChainExpectation } {
  const buffer = {
    slot_count: options.slotCount,
    data_length: options.dataLength,
    data_dtype: options.fields,
  };
  const fields = Object.keys(options.fields);
  const hops = options.hops ?? (options.filterProcesses > 0 ? 2 : 1);
  if (hops > 1 && options.filterProcesses < 1)
    throw new BenchError(`a chain of ${hops} buffers needs filterProcesses >= 1`);
  const buffers = chainBuffers(hops);
  const filters = chainFilters(hops);
  const config = { events: options.events, fields };
  const python = (stage: ChainStage) => (options.python?.includes(stage) === true ? { python: true } : {});
  const workers: Record<string, BenchWorker> = {
    [IMPORTER]: {
      function: options.importer.function,
      ...python('importer'),
      config: { ...config, ...options.importer.config },
      sinks: ['raw'],
    },
  };
  filters.forEach((filter, i) => {
    workers[filter] = {
      function: WorkerFunction.passAll,
      ...python('filter'),
      number_of_processes: options.filterProcesses,
      sources: [buffers[i] as string],
      sinks: [buffers[i + 1] as string],
    };
  });
  workers[EXPORTER] = {
    function: options.exporter,
    ...python('exporter'),
    // One path from the importer keeps commit order; parallel filters may reorder.
    config: { ...config, ordered: filters.length === 0 || options.filterProcesses <= 1 },
    sources: [buffers[buffers.length - 1] as string],
  };
  if (options.observer !== undefined) workers[OBSERVER] = { ...options.observer, observes: ['raw'] };
  return {
    setup: { buffers: Object.fromEntries(buffers.map((name) => [name, buffer])), workers },
    expectation: {
      events: options.events,
      buffers,
      importer: IMPORTER,
      stages: {
        [IMPORTER]: 1,
        ...Object.fromEntries(filters.map((filter) => [filter, options.filterProcesses])),
      },
      exporter: EXPORTER,
    },
  };
}

/** Writes the chain's files into a scratch directory, runs it through the CLI and checks it. */
export async function runChain(context: RunContext, options: ChainOptions): Promise<ChainRun> {
  const { setup, expectation } = makeChainSetup(options);
  const dir = context.makeScratchDir();
  try {
    const setupFile = writeSetupFiles(dir.path, setup);
    const targetDir = join(dir.path, 'target');
    const workers = Object.keys(setup.workers);
    if (options.ui === 'web') {
      const { result, watched } = await runSetupWithWeb(context, setupFile, targetDir, workers);
      const measurement = measureChain(result, expectation);
      const extras = {
        ...measurement.extras,
        page_events: watched.pageEvents,
        metrics_scrapes: watched.scrapes,
      };
      return { measurement: { ...measurement, extras }, result };
    }
    const result =
      options.ui === 'tui'
        ? await runSetupInTui(context, setupFile, targetDir, workers, EXPORTER)
        : await runSetup(context.runChildren, setupFile, targetDir, workers);
    return { measurement: measureChain(result, expectation), result };
  } finally {
    dir.remove();
  }
}

/** The oscilloscope's worker name in a chain with an observer. */
export const CHAIN_OBSERVER = OBSERVER;
/** The exporter's worker name in every chain. */
export const CHAIN_EXPORTER = EXPORTER;
