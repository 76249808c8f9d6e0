import { runFifoChain } from '../scenarios/fifo-chain.js';
import { runMemcpyProbe } from '../scenarios/memcpy-probe.js';
import type { Scenario } from '../types.js';

/** A probe of a sweep point: the ceiling of the machine for what the point's chain does. */
export interface SweepProbe {
  /** `fifo` (the bare token chain of as many hops) or `memcpy` (one copy of an event). */
  readonly key: string;
  readonly scenario: Scenario;
}

/** The bare FIFO token chain with `middles` processes between writer and reader, one write per token. */
export function fifoProbe(name: string, middles: number): SweepProbe {
  return {
    key: 'fifo',
    scenario: {
      name: `${name}-fifo`,
      title: `bare FIFO token chain, ${middles} middle process(es)`,
      defaultEvents: 1,
      runOnce: (context) => runFifoChain(context, { middles, batch: 1 }),
    },
  };
}

/** The memcpy probe of one event size (its events/s are copies/s): the ceiling of a filter that copies. */
export function memcpyProbe(name: string, eventBytes: number, slots: number): SweepProbe {
  return {
    key: 'memcpy',
    scenario: {
      name: `${name}-memcpy`,
      title: `copies of ${eventBytes} bytes between two ${slots}-slot rings in one process`,
      defaultEvents: 1,
      runOnce: async (context) => {
        const { seconds } = await runMemcpyProbe(context, eventBytes, slots);
        const gbPerS = (context.events * eventBytes) / seconds / 1e9;
        return { events: context.events, seconds, extras: { gb_per_s: gbPerS } };
      },
    },
  };
}
