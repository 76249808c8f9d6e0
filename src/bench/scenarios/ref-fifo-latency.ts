import { join } from 'node:path';
import { makeFifos } from '../../buffer/token-pipe.js';
import { getOutcome, getResultNumber, getStreamSeconds } from '../child-result.js';
import { getChildScript } from '../child-scripts.js';
import type { RunContext, RunMeasurement, Scenario } from '../types.js';
import { correctLatencies, LATENCY_RATE_HZ, summarizeLatency } from './latency-figures.js';

/**
 * The reference probe of F: two bare node processes and one FIFO, no framework. The writer sends
 * its clock (8 bytes, one write each) at 10 kHz, paced as F's importer; the reader measures
 * arrival minus that. What this machine's scheduler and pipes allow, run for run beside F.
 */
export const fifoLatency: Scenario = {
  name: 'ref-fifo-latency',
  title: `reference: bare FIFO, 2 node processes, timestamps at ${LATENCY_RATE_HZ / 1000} kHz`,
  defaultEvents: 20_000,
  summarize: summarizeLatency,
  runOnce: async ({ events, makeScratchDir, runChildren }: RunContext): Promise<RunMeasurement> => {
    const dir = makeScratchDir();
    try {
      const fifo = join(dir.path, 'timestamps.fifo');
      makeFifos(fifo);
      const outcomes = await runChildren([
        {
          name: 'writer',
          script: getChildScript('fifo-paced-writer'),
          args: [fifo, String(events), String(LATENCY_RATE_HZ)],
          startsOnGo: true,
        },
        { name: 'reader', script: getChildScript('fifo-latency-reader'), args: [fifo, String(events)] },
      ]);
      const writer = getOutcome(outcomes, 'writer');
      const reader = getOutcome(outcomes, 'reader');
      const skewMs = getResultNumber(reader, 'clock_offset_ms') - getResultNumber(writer, 'clock_offset_ms');
      return {
        events,
        seconds: getStreamSeconds(writer, reader),
        extras: {
          ...correctLatencies((key) => getResultNumber(reader, key), skewMs),
          achieved_rate_hz: getResultNumber(writer, 'rate_hz'),
          late_events: getResultNumber(writer, 'late_events'),
          writer_runqueue_ms: getResultNumber(writer, 'runqueue_ms'),
          reader_runqueue_ms: getResultNumber(reader, 'runqueue_ms'),
        },
      };
    } finally {
      dir.remove();
    }
  },
};
