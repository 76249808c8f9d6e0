import { fileURLToPath } from 'node:url';
import type { PrebuiltTarget } from '../control/run/worker-spec.js';
import type { PrebuiltChecker } from '../control/setup/index.js';
import { phaDeclaration } from './analyzers/pha.declaration.js';
import { checkerFor, type PrebuiltDeclaration } from './declaration/index.js';
import { clockedImporterDeclaration } from './data/clocked-importer.declaration.js';
import { exportDeclaration } from './data/export.declaration.js';
import { simulateImporterDeclaration } from './data/simulate-importer.declaration.js';
import { csvDeclaration } from './exporters/csv/csv.declaration.js';
import { drainDeclaration } from './exporters/drain.declaration.js';
import { histogramDeclaration } from './exporters/histogram/histogram.declaration.js';
import { natsExporterDeclaration } from './exporters/nats.declaration.js';
import { natsImporterDeclaration } from './importers/nats.declaration.js';
import { waveformDeclaration } from './importers/redpitaya/waveform.declaration.js';
import { copyDeclaration } from './misc/copy.declaration.js';
import { oscilloscopeDeclaration } from './observers/oscilloscope.declaration.js';
import { csvVisualizerDeclaration } from './visualizers/csv.declaration.js';
import { histogramVisualizerDeclaration } from './visualizers/histogram.declaration.js';

/**
 * Every prebuilt function, each declared next to its module, in the order the manual lists
 * them. To add one: declare it in `<group>/<name>.declaration.ts` beside its module, add it
 * here, and run `npm run docs:functions`.
 */
const DECLARATIONS: readonly PrebuiltDeclaration[] = [
  drainDeclaration,
  histogramDeclaration,
  csvDeclaration,
  natsExporterDeclaration,
  csvVisualizerDeclaration,
  histogramVisualizerDeclaration,
  exportDeclaration,
  simulateImporterDeclaration,
  clockedImporterDeclaration,
  phaDeclaration,
  copyDeclaration,
  oscilloscopeDeclaration,
  waveformDeclaration,
  natsImporterDeclaration,
];

/** The groups in the order the original's manual lists them. */
export const GROUPS = [
  'exporters',
  'visualizers',
  'analyzers',
  'data',
  'misc',
  'observers',
  'importers',
] as const;

/** The group of a function: the first part of its name (`importers.redpitaya.waveform` -> importers). */
export function groupOf(name: string): string {
  return name.slice(0, name.indexOf('.'));
}

function groupRank(name: string): number {
  const rank = (GROUPS as readonly string[]).indexOf(groupOf(name));
  return rank < 0 ? GROUPS.length : rank;
}

// By group; within a group in the order above (the manual's).
const SORTED = [...DECLARATIONS].sort((a, b) => groupRank(a.name) - groupRank(b.name));
const BY_NAME = new Map(SORTED.map((d) => [d.name, d]));

/** Every prebuilt function, grouped in the manual's order. */
export function listPrebuilt(): readonly PrebuiltDeclaration[] {
  return SORTED;
}

export function findPrebuilt(name: string): PrebuiltDeclaration | undefined {
  return BY_NAME.get(name);
}

/** Where a worker process finds a prebuilt function's implementation, and how node starts it. */
export function prebuiltModule(name: string): PrebuiltTarget | undefined {
  const declaration = BY_NAME.get(name);
  if (declaration === undefined) return undefined;
  return {
    file: fileURLToPath(declaration.module),
    functionName: declaration.exportName,
    ...(declaration.nodeFlags === undefined ? {} : { nodeFlags: declaration.nodeFlags }),
  };
}

/** The registry as setup validation uses it. */
export const prebuiltChecker: PrebuiltChecker = checkerFor(SORTED);
