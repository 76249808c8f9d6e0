import { getOutcome, getResultNumber } from '../child-result.js';
import { getChildScript } from '../child-scripts.js';
import type { RunContext } from '../types.js';

/** Seconds of one memcpy probe run: `events` copies with Uint8Array.set, Buffer.copy, and one event over and over. */
export interface MemcpyTimes {
  readonly seconds: number;
  readonly bufferCopySeconds: number;
  readonly hotSeconds: number;
}

/** Runs the memcpy child: copies of `eventBytes` from slot i of one ring of `slots` to slot i of another. */
export async function runMemcpyProbe(
  { events, runChildren }: RunContext,
  eventBytes: number,
  slots: number,
): Promise<MemcpyTimes> {
  const outcomes = await runChildren([
    {
      name: 'memcpy',
      script: getChildScript('memcpy'),
      args: [String(eventBytes), String(slots), String(events)],
    },
  ]);
  const probe = getOutcome(outcomes, 'memcpy');
  return {
    seconds: getResultNumber(probe, 'seconds'),
    bufferCopySeconds: getResultNumber(probe, 'buffer_copy_seconds'),
    hotSeconds: getResultNumber(probe, 'hot_seconds'),
  };
}
