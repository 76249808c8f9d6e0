import type { Scenario } from '../types.js';
import { runFifoChain } from './fifo-chain.js';

/**
 * The reference probe of D: what two bare node processes move through one FIFO, with no
 * framework. One writes 4-byte tokens one write each, the other reads every token already
 * waiting in one read. No slots, no return path: a ceiling for one buffer hop on this machine.
 */
export const fifoTwoProcesses: Scenario = {
  name: 'ref-fifo-2proc',
  title: 'reference: bare FIFO token stream, 2 node processes, batched reads',
  defaultEvents: 200_000,
  runOnce: (context) => runFifoChain(context, { middles: 0, batch: 1 }),
};
