import { join } from 'node:path';
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

/** The setup of a chain and what its runs must do. */
export function makeChainSetup(options: ChainOptions): { setup: BenchSetup; expectation: ChainExpectation } {
  const buffer = {
    slot_count: options.slotCount,
    data_length: options.dataLength,
    data_dtype: options.fields,
  };
  const fields = Object.keys(options.fields);
  const hasFilter = options.filterProcesses > 0;
  const buffers = hasFilter ? ['raw', 'filtered'] : ['raw'];
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
  if (hasFilter)
    workers[FILTER] = {
      function: WorkerFunction.passAll,
      ...python('filter'),
      number_of_processes: options.filterProcesses,
      sources: ['raw'],
      sinks: ['filtered'],
    };
  workers[EXPORTER] = {
    function: options.exporter,
    ...python('exporter'),
    // One path from the importer keeps commit order; parallel filters may reorder.
    config: { ...config, ordered: options.filterProcesses <= 1 },
    sources: [buffers[buffers.length - 1] as string],
  };
  if (options.observer !== undefined) workers[OBSERVER] = { ...options.observer, observes: ['raw'] };
  return {
    setup: { buffers: Object.fromEntries(buffers.map((name) => [name, buffer])), workers },
    expectation: {
      events: options.events,
      buffers,
      importer: IMPORTER,
      stages: hasFilter ? { [IMPORTER]: 1, [FILTER]: options.filterProcesses } : { [IMPORTER]: 1 },
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
