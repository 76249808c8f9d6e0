import { runChain } from '../setup-run/chain.js';
import type { RunContext, RunMeasurement, Scenario } from '../types.js';
import { makeChainA } from './a-chain.js';

/**
 * W: A headless with its web server (`--http`) watched by two page clients that take every
 * server-sent event and a scraper of /metrics each second, run interleaved with plain headless
 * A. The figure is the median of the per-round ratios W / A: what looking at a run from a browser
 * and from Prometheus costs the data.
 */
export const chainWithWeb: Scenario = {
  name: 'W',
  title: 'A with its web page watched by 2 pages and /metrics scraped each second, vs A',
  // Long enough for a few dozen updates and scrapes while the data flows.
  defaultEvents: 2_000_000,
  reference: 'A',
  constants: { target_ratio_to_reference: 0.95 },
  runOnce: async (context: RunContext): Promise<RunMeasurement> =>
    (await runChain(context, { ...makeChainA(context.events), ui: 'web' })).measurement,
};
