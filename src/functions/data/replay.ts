import type { BufferLayout, Writer } from '../../buffer/index.js';
import { resolveSetupPath } from '../../control/setup/paths.js';
import { Importer, type BufferIO } from '../../templates/index.js';
import {
  describeFields,
  describeLayoutMismatch,
  failSetup,
  validateArity,
} from '../../templates/setup-checks.js';
import { MimoFileError } from '../../errors.js';
import { types, type BufferRule, type CheckReport } from '../declaration/index.js';
import { recordLayout, type MimoHeader } from './mimo-format.js';
import { MimoReader, readMimoHeader } from './mimo-reader.js';
import { Schedule, waitUntil } from './schedule.js';

/** The buffers of a replay, as its declaration gives them. */
export const REPLAY_BUFFERS: { sources: BufferRule; sinks: BufferRule; observes: BufferRule } = {
  sources: { count: 0 },
  sinks: { count: 1, note: 'with the data_dtype and data_length of the file' },
  observes: { count: 0 },
};

/** The `filename` config key of a replay. */
export const REPLAY_FILENAME = {
  type: types.filePath,
  required: true,
  meaning: 'the .mimo file to replay (relative to the setup file)',
} as const;

/**
 * Why the records of a file cannot go into `sink`, or undefined when they fit: the same fields
 * with the same dtypes in the same order, and the same data_length (then a record is a slot).
 */
export function getFitProblem(header: MimoHeader, shownFile: string, sink: BufferLayout): string | undefined {
  const records = recordLayout(header);
  if (describeLayoutMismatch(sink, records) === null) return undefined;
  return (
    `expected a .mimo file with data_dtype {${describeFields(sink)}} and data_length ${sink.dataLength} ` +
    `like sink '${sink.name}', got '${shownFile}' with data_dtype {${describeFields(records)}} and data_length ${header.data_length}`
  );
}

/**
 * What is wrong with the replay file `written` (the `filename` config, relative to the setup
 * file) for `sink`, or undefined: `validate` and `run` check it before anything starts.
 */
export function getReplayFileProblem(
  written: string,
  setupDir: string,
  sink: BufferLayout,
): string | undefined {
  let header: MimoHeader;
  try {
    header = readMimoHeader(resolveSetupPath(written, setupDir));
  } catch (error) {
    if (!(error instanceof MimoFileError)) throw error;
    return `expected a mimocorb2 .mimo file, got '${written}': ${error.message}`;
  }
  return getFitProblem(header, written, sink);
}

/** Checks a replay's `filename` against its sink, as the declarations' check hook. */
export function checkReplayFile(
  worker: {
    readonly config: { readonly filename: string };
    readonly sinks: readonly BufferLayout[];
    readonly setupDir: string;
  },
  report: CheckReport,
): void {
  const sink = worker.sinks[0];
  if (sink === undefined) return;
  const problem = getReplayFileProblem(worker.config.filename, worker.setupDir, sink);
  if (problem !== undefined) report.error({ config: 'filename' }, problem);
}

/**
 * The Importer of a replay and its file, checked against the sink before the worker reports
 * ready (validation did so too; the file may have changed since).
 */
export function openReplay(io: BufferIO, filename: string): { importer: Importer; reader: MimoReader } {
  validateArity(io, 'Importer', { sources: 0, sinks: 1, observes: 0 });
  const sink = (io.sinks[0] as Writer).buffer.layout;
  const problem = getReplayFileProblem(filename, io.setupDir, sink);
  if (problem !== undefined) throw failSetup(io, `worker '${io.name}': config filename: ${problem}`);
  return { importer: new Importer(io), reader: MimoReader.open(resolveSetupPath(filename, io.setupDir)) };
}

/** How a replay paces its events. */
export interface ReplayPacing {
  /** Milliseconds from the previous event's due time (from the start, for the first) to event `index`. */
  gapMs(index: number): number;
  /** Counter, timestamp and deadtime as recorded, instead of fresh ones. */
  readonly keepMetadata: boolean;
}

/**
 * Writes every record of `reader` into the Importer's sink, each when its gap has passed
 * (blocking, so that a stop is noticed while it waits), then ends the stream. One copy per event.
 */
export function replay(
  io: BufferIO,
  { importer, reader }: { importer: Importer; reader: MimoReader },
  pacing: ReplayPacing,
): void {
  const sink = io.sinks[0] as Writer;
  const isStopRequested = (): boolean => sink.isStopRequested;
  const schedule = new Schedule();
  let index = 0;
  try {
    importer.runInPlace(
      (_data, bytes) => {
        if (index >= reader.recordCount) return false;
        if (!waitUntil(schedule.next(pacing.gapMs(index)), isStopRequested)) return false;
        reader.copyRecord(index, bytes);
        index++;
        return true;
      },
      { keepMetadata: pacing.keepMetadata },
    );
  } finally {
    reader.close();
  }
  const ending = index < reader.recordCount ? ' (stopped before its end)' : '';
  process.stdout.write(`replayed ${index} of ${reader.recordCount} events of ${reader.file}${ending}\n`);
}
