import { reclaimDeadProcess, type RingBuffer } from '../../buffer/index.js';
import type { ResolvedWorker } from '../setup/index.js';

/**
 * Returns what a dead process held in each of its buffers and closes its entries. Its places
 * among the sinks' writers stay open when `keepWriterPlaces` (a restarted process will write in
 * its place), else they close, so a buffer's stream ends when its last writer is gone.
 */
export function reclaimProcess(
  worker: ResolvedWorker,
  pid: number,
  buffers: ReadonlyMap<string, RingBuffer>,
  keepWriterPlaces: boolean,
): void {
  for (const name of worker.sinks) reclaimDeadProcess(bufferOf(buffers, name), pid, true, keepWriterPlaces);
  for (const name of worker.sources) reclaimDeadProcess(bufferOf(buffers, name), pid, false);
}

/** Closes the writer places kept for a restart that will not come. */
export function releaseWriterPlaces(worker: ResolvedWorker, buffers: ReadonlyMap<string, RingBuffer>): void {
  for (const name of worker.sinks) bufferOf(buffers, name).abandonWriter();
}

function bufferOf(buffers: ReadonlyMap<string, RingBuffer>, name: string): RingBuffer {
  const buffer = buffers.get(name);
  if (buffer === undefined) throw new Error(`no buffer '${name}' in this run`);
  return buffer;
}
