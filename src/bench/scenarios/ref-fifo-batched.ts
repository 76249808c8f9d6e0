import type { Scenario } from '../types.js';
import { runFifoChain } from './fifo-chain.js';

/** Tokens per write of the batched probes' writer (256 bytes, well within one atomic pipe write). */
export const FIFO_WRITE_BATCH = 64;

/**
 * ref-fifo-3proc with the writer writing a fixed batch of 64 tokens per write: the ceiling of a
 * two-hop chain whose importer side batches its tokens too (A and C compare with both).
 */
export const fifoThreeProcessesBatched: Scenario = {
  name: 'ref-fifo-3proc-batched',
  title: `reference: ref-fifo-3proc, the writer writing ${FIFO_WRITE_BATCH} tokens per write`,
  defaultEvents: 100_000,
  runOnce: (context) => runFifoChain(context, { middles: 1, batch: FIFO_WRITE_BATCH }),
};

/** ref-fifo-2proc with the writer writing 64 tokens per write: the ceiling of a hop that batches (D). */
export const fifoTwoProcessesBatched: Scenario = {
  name: 'ref-fifo-2proc-batched',
  title: `reference: ref-fifo-2proc, the writer writing ${FIFO_WRITE_BATCH} tokens per write`,
  defaultEvents: 200_000,
  runOnce: (context) => runFifoChain(context, { middles: 0, batch: FIFO_WRITE_BATCH }),
};
