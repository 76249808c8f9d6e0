import { afterEach, expect } from 'vitest';
import { RingBuffer, type BufferSpec } from '../../../src/index.js';
import { useBufferDir, useBuiltDist } from '../../helpers/buffer-dir.js';
import {
  describeChild,
  spawnNode,
  useProcessCleanup,
  waitForExit,
  waitForJsonLine,
  type TrackedChild,
} from '../../helpers/processes.js';

/** The fields of the fixtures' events (test/fixtures/templates/event-values.mjs). */
export const EVENT_FIELDS = { seq: 'i4', x: 'f8' } as const;
export const DATA_LENGTH = 8;

/** A worker's buffers and config, as test/fixtures/templates/worker-io.mjs takes them. */
export interface WorkerSpec {
  readonly name: string;
  readonly sources?: readonly string[];
  readonly sinks?: readonly string[];
  readonly observes?: readonly string[];
  readonly config?: Readonly<Record<string, unknown>>;
}

/** What export-events.mjs prints at the end. */
export interface ExportSummary {
  readonly events: number;
  readonly seqs: number[];
  readonly counters: number[];
  readonly timestamps: number[];
  readonly deadtimes: number[];
  readonly peaks: number[];
  readonly corrupt: number;
}

/**
 * Per test: a buffer dir, buffers made in it (removed after the test) and worker processes
 * (killed after the test).
 */
export function useTemplateWorkers() {
  useBuiltDist();
  const dir = useBufferDir();
  useProcessCleanup();
  const buffers: RingBuffer[] = [];
  afterEach(() => {
    for (const buffer of buffers.splice(0)) buffer.remove();
  });

  return {
    dir,
    /** Creates a buffer of the fixtures' event fields unless `fields` says otherwise. */
    createBuffer: (name: string, spec: Partial<Omit<BufferSpec, 'name'>> = {}): RingBuffer => {
      const buffer = RingBuffer.create(dir(), {
        name,
        slotCount: 8,
        dataLength: DATA_LENGTH,
        fields: EVENT_FIELDS,
        ...spec,
      });
      buffers.push(buffer);
      return buffer;
    },
    /** Starts test/fixtures/templates/<fixture> as worker `spec.name`. */
    startWorker: (fixture: string, spec: WorkerSpec): TrackedChild => {
      return spawnNode(`templates/${fixture}`, [JSON.stringify({ dir: dir(), ...spec })]);
    },
  };
}

/** Waits for the `summary` line of an exporter and its clean exit. */
export async function exportSummary(child: TrackedChild): Promise<ExportSummary> {
  const summary = await waitForJsonLine<ExportSummary>(child, 'summary');
  await expectExit(child, 0);
  expect(summary.corrupt, describeChild(child)).toBe(0);
  return summary;
}

/** Waits for the child to exit with `code`, failing with its output otherwise. */
export async function expectExit(child: TrackedChild, code: number): Promise<void> {
  const status = await waitForExit(child);
  expect(status, describeChild(child)).toEqual({ code, signal: null });
}

export function range(from: number, to: number, keep: (i: number) => boolean = () => true): number[] {
  const list: number[] = [];
  for (let i = from; i < to; i++) if (keep(i)) list.push(i);
  return list;
}
