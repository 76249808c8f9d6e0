import type { Scenario } from '../types.js';
import { runFifoChain } from './fifo-chain.js';

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
  runOnce: (context) => runFifoChain(context, { middles: 1, batch: 1 }),
};
