import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { getOutcome, getResultNumber, getStreamSeconds } from '../child-result.js';
import { getChildScript } from '../child-scripts.js';
import type { RunContext, RunMeasurement, Scenario } from '../types.js';

/**
 * The reference probe of A: a bare FIFO token chain of three node processes, no framework. The
 * writer writes 4-byte tokens one write each; the middle reads every token waiting (up to 1024)
 * and writes them on in one write; the reader reads every token waiting. No slots, no return
 * paths, no data: a ceiling for a two-hop chain on this machine.
 */
export const fifoThreeProcesses: Scenario = {
  name: 'ref-fifo-3proc',
  title: 'reference: bare FIFO token chain, writer -> middle -> reader, batched reads',
  defaultEvents: 100_000,
  runOnce: runFifoThreeProcesses,
};

function makeFifo(path: string): string {
  execFileSync('mkfifo', ['-m', '600', path], { stdio: ['ignore', 'ignore', 'pipe'] });
  return path;
}

async function runFifoThreeProcesses({
  events,
  makeScratchDir,
  runChildren,
}: RunContext): Promise<RunMeasurement> {
  const dir = makeScratchDir();
  try {
    const first = makeFifo(join(dir.path, 'first.fifo'));
    const second = makeFifo(join(dir.path, 'second.fifo'));
    const outcomes = await runChildren([
      {
        name: 'writer',
        script: getChildScript('fifo-writer'),
        args: [first, String(events)],
        startsOnGo: true,
      },
      { name: 'middle', script: getChildScript('fifo-middle'), args: [first, second, String(events)] },
      { name: 'reader', script: getChildScript('fifo-reader'), args: [second, String(events)] },
    ]);
    const writer = getOutcome(outcomes, 'writer');
    const middle = getOutcome(outcomes, 'middle');
    const reader = getOutcome(outcomes, 'reader');
    return {
      events,
      seconds: getStreamSeconds(writer, reader),
      extras: {
        writer_cpu_s: getResultNumber(writer, 'cpu_s'),
        middle_cpu_s: getResultNumber(middle, 'cpu_s'),
        reader_cpu_s: getResultNumber(reader, 'cpu_s'),
      },
    };
  } finally {
    dir.remove();
  }
}
