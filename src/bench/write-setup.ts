// `node dist/bench/write-setup.js <A|B|C|E|F> <dir> [events]`: writes the setup file and worker
// module of a CLI scenario into <dir> and prints the command that runs it, for running or
// profiling a scenario by hand (docs/performance.md, "Profiling").

import { resolve } from 'node:path';
import { makeDirectory } from '../make-directory.js';
import { getCliScript } from './child-scripts.js';
import { makeChainA } from './scenarios/a-chain.js';
import { makeChainB } from './scenarios/b-chain-68k.js';
import { makeChainC } from './scenarios/c-chain-2filters.js';
import { makeChainE } from './scenarios/e-observer.js';
import { makeChainF } from './scenarios/f-latency.js';
import type { ChainOptions } from './setup-run/chain.js';
import { makeChainSetup } from './setup-run/chain.js';
import { writeSetupFiles } from './setup-run/setup-files.js';

const CHAINS: Readonly<Record<string, { make: (events: number) => ChainOptions; events: number }>> = {
  A: { make: makeChainA, events: 100_000 },
  B: { make: makeChainB, events: 20_000 },
  C: { make: makeChainC, events: 100_000 },
  E: { make: makeChainE, events: 100_000 },
  F: { make: makeChainF, events: 20_000 },
};

const [name = '', dir, eventsText] = process.argv.slice(2);
const chain = CHAINS[name.toUpperCase()];
const events = eventsText === undefined ? chain?.events : Number(eventsText);
if (
  chain === undefined ||
  dir === undefined ||
  events === undefined ||
  !Number.isSafeInteger(events) ||
  events < 1
) {
  process.stderr.write(
    `usage: node dist/bench/write-setup.js <${Object.keys(CHAINS).join('|')}> <dir> [events]\n`,
  );
  process.exitCode = 2;
} else {
  const target = resolve(dir);
  makeDirectory(target);
  const setupFile = writeSetupFiles(target, makeChainSetup(chain.make(events)).setup);
  process.stdout.write(
    `node ${getCliScript()} run ${setupFile} --ui none --target-dir ${resolve(target, 'target')}\n`,
  );
}
