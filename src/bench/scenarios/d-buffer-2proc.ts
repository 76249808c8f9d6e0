import { RingBuffer } from '../../buffer/index.js';
import { BenchError } from '../bench-error.js';
import { getOutcome, getResultNumber, getStreamSeconds } from '../child-result.js';
import { getChildScript } from '../child-scripts.js';
import { childCounts } from '../count-figures.js';
import type { RunContext, RunMeasurement, Scenario } from '../types.js';

const SLOT_COUNT = 128;

/**
 * D: one writer process and one reader process on one buffer of 128 slots, records of one f8
 * field (data_length 1), through the real Writer and Reader. The benchmark process creates the
 * buffer and keeps its FIFOs open, as control does in a run.
 */
export const bufferTwoProcesses: Scenario = {
  name: 'D',
  title: '1 writer + 1 reader process, one buffer, 128 slots x 1 f8 (Writer/Reader API)',
  defaultEvents: 200_000,
  reference: 'ref-fifo-2proc',
  batchedReference: 'ref-fifo-2proc-batched',
  constants: { python_original_events_per_s: 46_800, target_events_per_s: 470_000 },
  runOnce: runBufferTwoProcesses,
};

async function runBufferTwoProcesses({
  events,
  makeScratchDir,
  runChildren,
}: RunContext): Promise<RunMeasurement> {
  const dir = makeScratchDir();
  let buffer: RingBuffer | undefined;
  try {
    buffer = RingBuffer.create(dir.path, {
      name: 'D',
      slotCount: SLOT_COUNT,
      dataLength: 1,
      fields: { x: 'f8' },
    });
    const args = [buffer.paths.file, String(events)];
    const outcomes = await runChildren([
      { name: 'writer', script: getChildScript('buffer-writer'), args, startsOnGo: true },
      { name: 'reader', script: getChildScript('buffer-reader'), args },
    ]);
    const writer = getOutcome(outcomes, 'writer');
    const reader = getOutcome(outcomes, 'reader');
    const stats = buffer.stats();
    if (
      stats.written !== events ||
      stats.read !== events ||
      stats.free !== SLOT_COUNT ||
      stats.staleTokens !== 0
    ) {
      throw new BenchError(
        `buffer D after the run: written ${stats.written}, read ${stats.read}, free ${stats.free} of ${SLOT_COUNT}, stale tokens ${stats.staleTokens}; expected ${events}, ${events}, ${SLOT_COUNT}, 0`,
      );
    }
    return {
      events,
      seconds: getStreamSeconds(writer, reader),
      extras: {
        writer_cpu_s: getResultNumber(writer, 'cpu_s'),
        reader_cpu_s: getResultNumber(reader, 'cpu_s'),
        writer_waited_s: stats.waitedSeconds,
        ...childCounts([writer, reader], events),
      },
    };
  } finally {
    buffer?.remove();
    dir.remove();
  }
}
