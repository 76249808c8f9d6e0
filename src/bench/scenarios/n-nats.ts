import { natsServerUnavailable } from '../nats-server.js';
import { runSplitChain } from '../setup-run/split-chain.js';
import type { RunContext, RunMeasurement, Scenario } from '../types.js';
import { makeChainA } from './a-chain.js';
import { makeChainB } from './b-chain-68k.js';

type NatsMode = 'jetstream' | 'core';

const STREAM = { stream: 'BENCH', subject: 'bench.filtered' };

function run(
  context: RunContext,
  chain: ReturnType<typeof makeChainA>,
  mode: NatsMode,
): Promise<RunMeasurement> {
  return runSplitChain(context, { ...chain, nats: { ...STREAM, mode } }).then((r) => r.measurement);
}

function splitA(name: string, mode: NatsMode): Scenario {
  return {
    name,
    title: `A split in two runs over nats-server (${mode}): importer -> filter -> exporters.nats | importers.nats -> exporter, 128 slots x 1 f8`,
    defaultEvents: 400_000,
    unavailable: natsServerUnavailable,
    constants: { target_events_per_s: 200_000 },
    runOnce: (context) => run(context, makeChainA(context.events), mode),
  };
}

function splitB(name: string, mode: NatsMode, reference: string): Scenario {
  return {
    name,
    title: `B split in two runs over nats-server (${mode}): 68 kB events, in-place importer -> filter -> exporters.nats | importers.nats -> exporter`,
    defaultEvents: 10_000,
    reference,
    unavailable: natsServerUnavailable,
    constants: { target_ratio_to_reference: 0.7 },
    runOnce: (context) => run(context, makeChainB(context.events), mode),
  };
}

/** N: A's chain split across two runs over a local nats-server, JetStream (stored, acknowledged). */
export const splitChainA = splitA('N', 'jetstream');
/** N-core: the same over core NATS (nothing stored). */
export const splitChainACore = splitA('N-core', 'core');
/** N-68k: B's chain (68 kB events) split the same way, against the bare NATS probe. */
export const splitChainB = splitB('N-68k', 'jetstream', 'ref-nats-68k');
export const splitChainBCore = splitB('N-68k-core', 'core', 'ref-nats-68k-core');
