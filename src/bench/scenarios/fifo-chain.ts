import { join } from 'node:path';
import { makeFifos } from '../../buffer/token-pipe.js';
import type { ChildSpec } from '../child-runner.js';
import { getOutcome, getResultNumber, getStreamSeconds } from '../child-result.js';
import { getChildScript } from '../child-scripts.js';
import { childCounts } from '../count-figures.js';
import type { RunContext, RunMeasurement } from '../types.js';

/** The shape of a bare FIFO token chain: writer -> middles -> reader. */
export interface FifoChainOptions {
  /** Processes between writer and reader, each forwarding every token waiting in one read and one write. */
  readonly middles: number;
  /** Tokens per write of the writer (1: one write per token). */
  readonly batch: number;
}

/** The middle processes' names: `middle` for one, else `middle1`, `middle2`, ... */
export function middleNames(middles: number): string[] {
  if (middles === 1) return ['middle'];
  return Array.from({ length: middles }, (_, i) => `middle${i + 1}`);
}

/**
 * One run of a bare FIFO token chain of middles + 2 node processes and middles + 1 FIFOs, no
 * framework: timed from the writer's first write to the reader's receipt of the last token.
 */
export async function runFifoChain(
  { events, makeScratchDir, runChildren }: RunContext,
  options: FifoChainOptions,
): Promise<RunMeasurement> {
  const dir = makeScratchDir();
  try {
    const fifos = Array.from({ length: options.middles + 1 }, (_, i) => join(dir.path, `hop${i}.fifo`));
    makeFifos(...fifos);
    const middles = middleNames(options.middles);
    const count = String(events);
    const specs: ChildSpec[] = [
      {
        name: 'writer',
        script: getChildScript('fifo-writer'),
        args: [fifos[0] as string, count, String(options.batch)],
        startsOnGo: true,
      },
      ...middles.map((name, i) => ({
        name,
        script: getChildScript('fifo-middle'),
        args: [fifos[i] as string, fifos[i + 1] as string, count],
      })),
      {
        name: 'reader',
        script: getChildScript('fifo-reader'),
        args: [fifos[options.middles] as string, count],
      },
    ];
    const outcomes = await runChildren(specs);
    const extras: Record<string, number> = {};
    for (const spec of specs)
      extras[`${spec.name}_cpu_s`] = getResultNumber(getOutcome(outcomes, spec.name), 'cpu_s');
    return {
      events,
      seconds: getStreamSeconds(getOutcome(outcomes, 'writer'), getOutcome(outcomes, 'reader')),
      extras: { ...extras, ...childCounts(outcomes, events) },
    };
  } finally {
    dir.remove();
  }
}
