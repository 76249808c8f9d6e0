// The setups of the chaos campaign, of every shape the issue names: a chain, several processes per
// worker, a processor with two sinks, observers alongside, buffers that overwrite, the prebuilt
// file exporters in a chain (exporters.csv, data.export, rotating their files or not). Each knows
// the paths its events take from the importer to an exporter, and which values each path keeps.
import { fileURLToPath } from 'node:url';
import type { ExportFile } from './export-files.js';
import { between, pick, type Random } from './random.js';
import { filterKeeps, secondSinkKeeps } from './workers.js';

// Compiled JS also when running from src (the tests), like the worker entry.
const WORKERS_FILE = fileURLToPath(new URL('../../dist/chaos/workers.js', import.meta.url));

/** The way from the root to one exporter: the buffers passed and the rules on the way. */
export interface ChaosPath {
  /** The exporter worker at its end. */
  readonly exporter: string;
  /** Root first, the exporter's source last. */
  readonly buffers: readonly string[];
  readonly keeps: (value: number) => boolean;
  /** A prebuilt exporter's file holds what it got (else its ledger does). */
  readonly file?: ExportFile;
}

export interface ChaosSetup {
  /** `chain`, `fan`, ... with the process counts: `chain filter×2 sink×1`. */
  readonly description: string;
  /** The setup file's content. */
  readonly setup: Record<string, unknown>;
  readonly paths: readonly ChaosPath[];
  /** The importers' worker names. */
  readonly importers: readonly string[];
  /** Seconds an importer life takes (n_events / rate). */
  readonly importSeconds: number;
  readonly restarts: boolean;
}

const all = (): boolean => true;

function bufferOf(random: Random, overwrite = false): Record<string, unknown> {
  return {
    slot_count: pick(random, [4, 8, 16, 64, 128]),
    data_length: 1,
    data_dtype: { value: 'f8' },
    overwrite,
  };
}

function worker(fn: string, processes: number, buffers: Record<string, string[]>, config = {}) {
  return { file: WORKERS_FILE, function: fn, number_of_processes: processes, ...buffers, config };
}

/** A prebuilt function's worker (one process: it owns its file). */
function prebuilt(fn: string, sources: string[], sinks: string[], config: Record<string, unknown>) {
  return { function: fn, number_of_processes: 1, sources, sinks, config };
}

/** A setup of a random shape and size (`random` decides everything, so a seed replays it). */
export function makeChaosSetup(random: Random): ChaosSetup {
  const shape = pick(random, ['chain', 'fan', 'observed', 'overwrite', 'sources', 'files'] as const);
  const rate = pick(random, [2000, 4000, 8000]);
  const nEvents = between(random, 2, 6) * 1000;
  const importers = shape === 'sources' ? between(random, 2, 3) : 1;
  const middle = between(random, 1, 3);
  const ends = between(random, 1, 2);
  // Microseconds of work per event in the middle and at the ends: a kill then often finds a slot held.
  const work = { work_us: pick(random, [0, 50, 200]) };
  const buffers: Record<string, unknown> = { raw: bufferOf(random, shape === 'overwrite' && random() < 0.5) };
  const workers: Record<string, unknown> = {
    source: worker('source', importers, { sinks: ['raw'] }, { n_events: nEvents, rate }),
  };
  const paths: ChaosPath[] = [];
  if (shape === 'fan') {
    buffers['every'] = bufferOf(random);
    buffers['even'] = bufferOf(random);
    workers['split'] = worker('split', middle, { sources: ['raw'], sinks: ['every', 'even'] }, work);
    workers['store_every'] = worker('sink', ends, { sources: ['every'] }, work);
    workers['store_even'] = worker('sink', 1, { sources: ['even'] }, work);
    paths.push({ exporter: 'store_every', buffers: ['raw', 'every'], keeps: all });
    paths.push({ exporter: 'store_even', buffers: ['raw', 'even'], keeps: secondSinkKeeps });
  } else if (shape === 'files') {
    for (const name of ['passed', 'saved', 'recorded']) buffers[name] = bufferOf(random);
    // Rotating the files now and then: a few files of a few kB each.
    const rotation = random() < 0.5 ? { rotate_mb: pick(random, [0.01, 0.05]) } : {};
    workers['filter'] = worker('filter', middle, { sources: ['raw'], sinks: ['passed'] }, work);
    // A save_interval keeps rows in memory: killed, the exporter must not lose them.
    const saveInterval = pick(random, [0, 0.2]);
    workers['save'] = prebuilt('exporters.csv', ['passed'], ['saved'], {
      save_interval: saveInterval,
      ...rotation,
    });
    workers['record'] = prebuilt('data.export', ['saved'], ['recorded'], rotation);
    workers['store'] = worker('sink', ends, { sources: ['recorded'] }, work);
    const kept = ['raw', 'passed'];
    const csv = { kind: 'csv', name: 'passed.csv' } as const;
    paths.push({ exporter: 'save', buffers: kept, keeps: filterKeeps, file: csv });
    const mimo = { kind: 'mimo', name: 'saved.mimo' } as const;
    paths.push({ exporter: 'record', buffers: [...kept, 'saved'], keeps: filterKeeps, file: mimo });
    paths.push({ exporter: 'store', buffers: [...kept, 'saved', 'recorded'], keeps: filterKeeps });
  } else if (shape === 'sources') {
    workers['store'] = worker('sink', ends, { sources: ['raw'] }, work);
    paths.push({ exporter: 'store', buffers: ['raw'], keeps: all });
  } else {
    buffers['passed'] = bufferOf(random, shape === 'overwrite');
    workers['filter'] = worker('filter', middle, { sources: ['raw'], sinks: ['passed'] }, work);
    workers['store'] = worker('sink', ends, { sources: ['passed'] }, work);
    paths.push({ exporter: 'store', buffers: ['raw', 'passed'], keeps: filterKeeps });
    if (shape === 'observed') {
      workers['look_raw'] = worker('look', 1, { observes: ['raw'] });
      workers['look_passed'] = worker('look', 1, { observes: ['passed'] });
    }
  }
  const restarts = random() < 0.35;
  if (restarts) {
    for (const entry of Object.values(workers))
      Object.assign(entry as object, { restart: 'on-failure', max_restarts: 3, restart_backoff: 0.1 });
  }
  const counts = Object.entries(workers)
    .map(([name, entry]) => `${name}×${(entry as { number_of_processes: number }).number_of_processes}`)
    .join(' ');
  const rotating = Object.values(workers).some(
    (entry) => 'rotate_mb' in (entry as { config: object }).config,
  );
  const overwriting = Object.entries(buffers)
    .filter(([, entry]) => (entry as { overwrite: boolean }).overwrite)
    .map(([name]) => name);
  return {
    description: `${shape}: ${counts}; ${work.work_us} µs/event${overwriting.length > 0 ? `; overwrite ${overwriting.join(', ')}` : ''}${rotating ? '; files rotate' : ''}${restarts ? '; restart on-failure' : ''}`,
    setup: { Buffers: buffers, Workers: workers },
    paths,
    importers: ['source'],
    importSeconds: nEvents / rate,
    restarts,
  };
}
