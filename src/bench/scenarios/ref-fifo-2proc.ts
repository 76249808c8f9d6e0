import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { getOutcome, getResultNumber, getStreamSeconds } from '../child-result.js';
import { getChildScript } from '../child-scripts.js';
import type { RunContext, RunMeasurement, Scenario } from '../types.js';

/**
 * The reference probe of D: what two bare node processes move through one FIFO, with no
 * framework. One writes 4-byte tokens one write each, the other reads every token already
 * waiting in one read. No slots, no return path: a ceiling for one buffer hop on this machine.
 */
export const fifoTwoProcesses: Scenario = {
  name: 'ref-fifo-2proc',
  title: 'reference: bare FIFO token stream, 2 node processes, batched reads',
  defaultEvents: 200_000,
  runOnce: runFifoTwoProcesses,
};

async function runFifoTwoProcesses({
  events,
  makeScratchDir,
  runChildren,
}: RunContext): Promise<RunMeasurement> {
  const dir = makeScratchDir();
  try {
    const fifo = join(dir.path, 'tokens.fifo');
    execFileSync('mkfifo', ['-m', '600', fifo], { stdio: ['ignore', 'ignore', 'pipe'] });
    const args = [fifo, String(events)];
    const outcomes = await runChildren([
      { name: 'writer', script: getChildScript('fifo-writer'), args, startsOnGo: true },
      { name: 'reader', script: getChildScript('fifo-reader'), args },
    ]);
    const writer = getOutcome(outcomes, 'writer');
    const reader = getOutcome(outcomes, 'reader');
    return {
      events,
      seconds: getStreamSeconds(writer, reader),
      extras: {
        writer_cpu_s: getResultNumber(writer, 'cpu_s'),
        reader_cpu_s: getResultNumber(reader, 'cpu_s'),
      },
    };
  } finally {
    dir.remove();
  }
}
