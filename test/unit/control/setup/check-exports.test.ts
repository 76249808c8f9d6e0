import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkSetup,
  checkWorkerExports,
  type CheckWorkerExportsOptions,
} from '../../../../src/control/setup/index.js';
import { readModuleExports } from '../../../../src/control/setup/module-exports.js';
import { describeChild, spawnNode, useProcessCleanup, waitForExit } from '../../../helpers/processes.js';
import { problemsOfAsync, useSetupDirs, WORKERS_TS } from './setup-dir.js';

const makeDir = useSetupDirs();

const BUFFERS = `Buffers:
  raw: {slot_count: 8, data_length: 4, data_dtype: {ch1: f4}}
  pulses: {slot_count: 8, data_length: 1, data_dtype: {height: f8}}
`;

/** checkSetup with the export check alone. */
function checkExports(file: string, options: CheckWorkerExportsOptions = {}) {
  return checkSetup(file, [(draft) => checkWorkerExports(draft, options)]);
}

describe('checkWorkerExports', () => {
  it('passes when every module exports its function, also .mjs and CommonJS .js', async () => {
    const dir = makeDir({
      'setup.yaml': `${BUFFERS}Workers:
  source: {file: workers.ts, function: source, sinks: [raw]}
  filter: {file: filters.mjs, function: cut, sources: [raw], sinks: [pulses]}
  store: {file: store.js, function: store, sources: [pulses]}
  look: {function: observers.oscilloscope, observes: [raw]}
`,
      'workers.ts': WORKERS_TS,
      'filters.mjs': 'export function cut() {}\n',
      'store.js': 'exports.store = function store() {};\n',
    });
    const setup = await checkExports(join(dir, 'setup.yaml'));
    expect(setup.workers.map((worker) => worker.name)).toEqual(['source', 'filter', 'store', 'look']);
  });

  it('reports modules that loop, wait or exit at their top level, without taking control with them', async () => {
    const dir = makeDir({
      'setup.yaml': `${BUFFERS}Workers:
  exits: {file: exits.mjs, function: run, sources: [raw]}
  spins: {file: spins.mjs, function: run, sources: [raw]}
  later: {file: later.mjs, function: run, sources: [pulses]}
  absent: {file: later.mjs, function: walk, sources: [pulses]}
`,
      'exits.mjs': 'process.exit(3);\n',
      'spins.mjs': 'for (;;);\n',
      'later.mjs': 'export function run() {}\n',
    });
    const file = join(dir, 'setup.yaml');
    const results = await readModuleExports([join(dir, 'exits.mjs'), join(dir, 'spins.mjs')], 1_000);
    expect([...results.values()]).toEqual([
      { error: 'importing it ended the process: it exited with code 3' },
      {
        error: 'importing it did not finish within 1 s (does its top-level code loop or wait for something?)',
      },
    ]);
    const problems = await problemsOfAsync(() =>
      checkExports(file, { readExports: (files) => readModuleExports(files, 1_000) }),
    );
    expect(problems).toEqual([
      `${file}:5:17: Workers.exits.file: cannot load 'exits.mjs': importing it ended the process: it exited with code 3`,
      `${file}:6:17: Workers.spins.file: cannot load 'spins.mjs': importing it did not finish within 1 s (does its top-level code loop or wait for something?)`,
      `${file}:8:39: Workers.absent.function: 'later.mjs' has no export 'walk'; it exports the functions run`,
    ]);
  }, 30_000);

  it('reports missing and non-function exports and modules that do not load, all together', async () => {
    const dir = makeDir({
      'setup.yaml': `${BUFFERS}Workers:
  source: {file: workers.ts, function: sourse, sinks: [raw]}
  filter: {file: workers.ts, function: threshold, sources: [raw], sinks: [pulses]}
  broken: {file: broken.ts, function: run, sources: [pulses]}
  throws: {file: throws.mjs, function: run, sources: [pulses]}
  empty: {file: empty.mjs, function: run, sources: [pulses]}
`,
      'workers.ts': WORKERS_TS,
      'broken.ts': 'export function run( {\n',
      'throws.mjs': "throw new Error('no hardware attached');\n",
      'empty.mjs': 'export const answer = 42;\n',
    });
    const file = join(dir, 'setup.yaml');
    const problems = await problemsOfAsync(() => checkExports(file));
    expect(problems.slice(0, 2)).toEqual([
      `${file}:5:40: Workers.source.function: 'workers.ts' has no export 'sourse' (did you mean 'source'?); it exports the functions filter, source`,
      `${file}:6:40: Workers.filter.function: 'workers.ts' exports 'threshold' as number, expected a function`,
    ]);
    // The rest of the line is esbuild's own wording.
    expect(problems[2]).toContain(
      `${file}:7:18: Workers.broken.file: cannot load 'broken.ts': TransformError: Transform failed with 1 error: ${join(dir, 'broken.ts')}:2:0: ERROR: `,
    );
    expect(problems.slice(3)).toEqual([
      `${file}:8:18: Workers.throws.file: cannot load 'throws.mjs': Error: no hardware attached`,
      `${file}:9:38: Workers.empty.function: 'empty.mjs' has no export 'run'; it exports no functions`,
    ]);
  });

  it('loads TypeScript for TypeScript worker files only, as their worker processes do', async () => {
    const dir = makeDir({
      'setup.yaml': `${BUFFERS}Workers:
  source: {file: workers.ts, function: source, sinks: [raw]}
  cut: {file: cut.mjs, function: cut, sources: [raw], sinks: [pulses]}
  store: {file: store.ts, function: store, sources: [pulses]}
`,
      'workers.ts': WORKERS_TS,
      'threshold.ts': 'export const threshold: number = 0.5;\n',
      'cut.mjs': "import { threshold } from './threshold.ts';\nexport function cut() { return threshold; }\n",
      'store.ts':
        "import { threshold } from './threshold.ts';\nexport function store(): number { return threshold; }\n",
    });
    const file = join(dir, 'setup.yaml');
    expect(await problemsOfAsync(() => checkExports(file))).toEqual([
      `${file}:6:15: Workers.cut.file: cannot load 'cut.mjs': TypeError: Unknown file extension ".ts" for ${join(dir, 'threshold.ts')} (a worker compiles TypeScript only when its own file is TypeScript: make this worker's file a .ts file)`,
    ]);
  });

  it('leaves prebuilt functions to loadSetup, and uses an injected reader of exports', async () => {
    const dir = makeDir({
      'setup.yaml': `${BUFFERS}Workers:
  source: {file: workers.ts, function: source, sinks: [raw]}
  save: {function: exporters.nothing_like_this, sources: [raw]}
`,
      'workers.ts': WORKERS_TS,
    });
    const imported: string[] = [];
    const readExports = (files: readonly string[]) => {
      imported.push(...files);
      return Promise.resolve(new Map(files.map((file) => [file, { exports: { source: 'function' } }])));
    };
    await checkExports(join(dir, 'setup.yaml'), { readExports });
    expect(imported).toEqual([join(dir, 'workers.ts')]);
  });
});

describe('checkWorkerExports, in a process of the built package', () => {
  useProcessCleanup();

  it("loads worker files anywhere on disk that import from 'mimocorb2'", async () => {
    const dir = makeDir({
      'setup.yaml': `${BUFFERS}Workers:
  source: {file: worker.ts, function: source, sinks: [raw]}
  store: {file: worker.mjs, function: store, sources: [raw]}
  other: {file: worker.mjs, function: other, sources: [raw]}
`,
      'worker.ts':
        "import { Importer, type BufferIO } from 'mimocorb2';\nexport function source(io: BufferIO): void {\n  new Importer(io);\n}\n",
      'worker.mjs':
        "import { Exporter } from 'mimocorb2';\nexport function store(io) {\n  new Exporter(io);\n}\n",
    });
    const child = spawnNode('setups/check-worker-exports.mjs', [join(dir, 'setup.yaml')]);
    expect(await waitForExit(child), describeChild(child)).toEqual({ code: 1, signal: null });
    expect(child.lines).toEqual([
      `${join(dir, 'setup.yaml')}:7:39: Workers.other.function: 'worker.mjs' has no export 'other'; it exports the functions store`,
    ]);
  });
});
