import { runChain } from '../setup-run/chain.js';
import type { RunContext, RunMeasurement, Scenario } from '../types.js';
import { makeChainA } from './a-chain.js';

/**
 * T: A with the terminal UI attached (`--ui tui` in a 120x40 tmux pane, which draws every frame
 * as a person's terminal does), run interleaved with headless A. The figure is the median of the
 * per-round ratios T / A: what watching a run in the TUI costs the data.
 */
export const chainWithTui: Scenario = {
  name: 'T',
  title: 'A with the terminal UI attached (tmux pane 120x40), vs A headless',
  // Long enough for the TUI to draw a few dozen frames while the data flows.
  defaultEvents: 2_000_000,
  reference: 'A',
  constants: { target_ratio_to_reference: 0.95 },
  runOnce: async (context: RunContext): Promise<RunMeasurement> =>
    (await runChain(context, { ...makeChainA(context.events), ui: 'tui' })).measurement,
};
