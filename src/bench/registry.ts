import { ToolUsageError } from '../tool-args.js';
import { chainA } from './scenarios/a-chain.js';
import { chainB } from './scenarios/b-chain-68k.js';
import { chainC } from './scenarios/c-chain-2filters.js';
import { chainWithCsv } from './scenarios/csv-exporter.js';
import { bufferTwoProcesses } from './scenarios/d-buffer-2proc.js';
import { chainWithObserver } from './scenarios/e-observer.js';
import { latencyF } from './scenarios/f-latency.js';
import { chainBWithExport, chainWithExport } from './scenarios/mimo-export.js';
import { chainWithOscilloscope } from './scenarios/o-oscilloscope.js';
import { redPitayaStream } from './scenarios/redpitaya-stream.js';
import { splitChainA, splitChainACore, splitChainB, splitChainBCore } from './scenarios/n-nats.js';
import { natsProbe68k, natsProbe68kCore } from './scenarios/ref-nats.js';
import { chainWithTui } from './scenarios/t-tui.js';
import { chainWithWeb } from './scenarios/w-web.js';
import { fifoLatency } from './scenarios/ref-fifo-latency.js';
import { fifoThreeProcesses } from './scenarios/ref-fifo-3proc.js';
import { fifoTwoProcesses } from './scenarios/ref-fifo-2proc.js';
import { fifoThreeProcessesBatched, fifoTwoProcessesBatched } from './scenarios/ref-fifo-batched.js';
import { memcpy68k } from './scenarios/ref-memcpy-68k.js';
import { peaks, scipyPeaks } from './scenarios/peaks.js';
import { chainAPython, chainAPythonFilter, chainBPython } from './scenarios/python-chains.js';
import { tmpfsWrite68k } from './scenarios/ref-tmpfs-write-68k.js';
import type { Scenario } from './types.js';

/** Every scenario, in the order a full `npm run bench` runs them. */
export const SCENARIOS: readonly Scenario[] = [
  chainA,
  chainB,
  chainC,
  bufferTwoProcesses,
  chainWithObserver,
  chainWithOscilloscope,
  latencyF,
  chainWithExport,
  chainBWithExport,
  redPitayaStream,
  chainWithTui,
  chainWithWeb,
  chainWithCsv,
  splitChainA,
  splitChainACore,
  splitChainB,
  splitChainBCore,
  fifoThreeProcesses,
  fifoThreeProcessesBatched,
  memcpy68k,
  tmpfsWrite68k,
  fifoLatency,
  fifoTwoProcesses,
  fifoTwoProcessesBatched,
  peaks,
  scipyPeaks,
  chainAPythonFilter,
  chainAPython,
  chainBPython,
  natsProbe68k,
  natsProbe68kCore,
];

/** The probes a scenario runs interleaved with: its reference, then its batched reference. */
export function getReferenceNames(scenario: Scenario): string[] {
  return [scenario.reference, scenario.batchedReference].filter((name): name is string => name !== undefined);
}

/**
 * The names of the selected scenarios and of their references that cannot run on this machine,
 * each with the reason (e.g. no python3 with scipy).
 */
export function findUnavailable(
  selected: readonly Scenario[],
  all: readonly Scenario[] = SCENARIOS,
): Map<string, string> {
  const unavailable = new Map<string, string>();
  const references = selected.flatMap(getReferenceNames).map((name) => all.find((r) => r.name === name));
  for (const scenario of [...selected, ...references]) {
    const reason = scenario?.unavailable?.();
    if (scenario !== undefined && reason !== undefined) unavailable.set(scenario.name, reason);
  }
  return unavailable;
}

/** The scenarios named on the command line (case-insensitive), or all of them for none. */
export function selectScenarios(names: readonly string[], all: readonly Scenario[] = SCENARIOS): Scenario[] {
  if (names.length === 0) return [...all];
  const selected: Scenario[] = [];
  for (const name of names) {
    const scenario = all.find((s) => s.name.toLowerCase() === name.toLowerCase());
    if (scenario === undefined) {
      throw new ToolUsageError(
        `unknown scenario '${name}'; choose from: ${all.map((s) => s.name).join(', ')}`,
      );
    }
    if (!selected.includes(scenario)) selected.push(scenario);
  }
  return selected;
}

/**
 * Groups the selected scenarios into sets that run interleaved: each scenario with its references
 * (A B A B ..., or A B C A B C ... with a batched reference). A reference that some selected
 * scenario brings along is not run a second time. Unavailable scenarios are left out; a scenario
 * runs without those of its references that are.
 */
export function planGroups(
  selected: readonly Scenario[],
  all: readonly Scenario[] = SCENARIOS,
  unavailable: ReadonlySet<string> = new Set(),
): Scenario[][] {
  const references = new Map<Scenario, Scenario[]>();
  selected = selected.filter((s) => !unavailable.has(s.name));
  for (const scenario of selected) {
    const found: Scenario[] = [];
    for (const name of getReferenceNames(scenario)) {
      if (unavailable.has(name)) continue;
      const reference = all.find((s) => s.name === name);
      if (reference === undefined)
        throw new ToolUsageError(`scenario '${scenario.name}' names an unknown reference '${name}'`);
      found.push(reference);
    }
    references.set(scenario, found);
  }
  const broughtAlong = new Set([...references.values()].flat());
  const groups: Scenario[][] = [];
  for (const scenario of selected) {
    const found = references.get(scenario) ?? [];
    if (found.length > 0) groups.push([scenario, ...found]);
    else if (!broughtAlong.has(scenario)) groups.push([scenario]);
  }
  return groups;
}
