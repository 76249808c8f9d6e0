import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { makeChainSetup } from '../../../src/bench/setup-run/chain.js';
import { parseBufferEvents, parseReports } from '../../../src/bench/setup-run/run-setup.js';
import { PYTHON_WORKER_MODULE_FILE } from '../../../src/bench/setup-run/python-worker-module.js';
import { writeSetupFiles } from '../../../src/bench/setup-run/setup-files.js';
import { WORKER_MODULE_FILE, WorkerFunction } from '../../../src/bench/setup-run/worker-module.js';
import { makeChainA } from '../../../src/bench/scenarios/a-chain.js';

describe('makeChainSetup', () => {
  it('builds A: importer -> filter -> exporter on two 128-slot f8 buffers, in commit order', () => {
    const { setup, expectation } = makeChainSetup(makeChainA(500));
    expect(setup.buffers).toEqual({
      raw: { slot_count: 128, data_length: 1, data_dtype: { x: 'f8' } },
      filtered: { slot_count: 128, data_length: 1, data_dtype: { x: 'f8' } },
    });
    expect(setup.workers).toEqual({
      importer: { function: WorkerFunction.importer, config: { events: 500, fields: ['x'] }, sinks: ['raw'] },
      filter: {
        function: WorkerFunction.passAll,
        number_of_processes: 1,
        sources: ['raw'],
        sinks: ['filtered'],
      },
      exporter: {
        function: WorkerFunction.checkingExporter,
        config: { events: 500, fields: ['x'], ordered: true },
        sources: ['filtered'],
      },
    });
    expect(expectation).toEqual({
      events: 500,
      buffers: ['raw', 'filtered'],
      importer: 'importer',
      stages: { importer: 1, filter: 1 },
      exporter: 'exporter',
    });
  });

  it('lets parallel filters reorder, adds an observer, or leaves the filter out', () => {
    const c = makeChainSetup({
      ...makeChainA(10),
      filterProcesses: 2,
      observer: { function: WorkerFunction.oscilloscope, config: { interval: 0.05 } },
    });
    expect(c.setup.workers['filter']?.number_of_processes).toBe(2);
    expect(c.setup.workers['exporter']?.config?.['ordered']).toBe(false);
    expect(c.setup.workers['oscilloscope']).toEqual({
      function: WorkerFunction.oscilloscope,
      config: { interval: 0.05 },
      observes: ['raw'],
    });
    const direct = makeChainSetup({ ...makeChainA(10), filterProcesses: 0 });
    expect(Object.keys(direct.setup.buffers)).toEqual(['raw']);
    expect(direct.setup.workers['exporter']?.sources).toEqual(['raw']);
    expect(direct.expectation.stages).toEqual({ importer: 1 });
  });

  it('chains hops buffers with a filter between each two', () => {
    const chain = makeChainSetup({ ...makeChainA(10), hops: 4 });
    expect(Object.keys(chain.setup.buffers)).toEqual(['raw', 'hop1', 'hop2', 'filtered']);
    expect(chain.setup.workers['filter2']).toMatchObject({ sources: ['hop1'], sinks: ['hop2'] });
    expect(chain.setup.workers['exporter']?.sources).toEqual(['filtered']);
    expect(chain.setup.workers['exporter']?.config?.['ordered']).toBe(true);
    expect(chain.expectation.stages).toEqual({ importer: 1, filter1: 1, filter2: 1, filter3: 1 });
    expect(chain.expectation.buffers).toEqual(['raw', 'hop1', 'hop2', 'filtered']);
    expect(() => makeChainSetup({ ...makeChainA(10), filterProcesses: 0, hops: 3 })).toThrow(
      'a chain of 3 buffers needs filterProcesses >= 1',
    );
  });
});

describe('writeSetupFiles', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('writes a setup in the setup file keys, every worker in the bench worker module', () => {
    dir = mkdtempSync(join(tmpdir(), 'mimocorb2-bench-test-'));
    const setupFile = writeSetupFiles(dir, makeChainSetup(makeChainA(7)).setup);
    const written = parse(readFileSync(setupFile, 'utf8')) as {
      Buffers: Record<string, unknown>;
      Workers: Record<string, { file: string; config?: unknown }>;
    };
    expect(Object.keys(written.Buffers)).toEqual(['raw', 'filtered']);
    expect(Object.values(written.Workers).map((w) => w.file)).toEqual([
      WORKER_MODULE_FILE,
      WORKER_MODULE_FILE,
      WORKER_MODULE_FILE,
    ]);
    expect(readFileSync(join(dir, 'setup.yaml'), 'utf8')).not.toContain('*'); // no YAML aliases
    expect(readFileSync(join(dir, WORKER_MODULE_FILE), 'utf8')).toContain("from 'mimocorb2'");
  });

  it('puts the stages named in `python` in the Python bench module, and writes that module', () => {
    dir = mkdtempSync(join(tmpdir(), 'mimocorb2-bench-test-'));
    const setup = makeChainSetup({ ...makeChainA(7), python: ['filter'] }).setup;
    const written = parse(readFileSync(writeSetupFiles(dir, setup), 'utf8')) as {
      Workers: Record<string, { file: string; function: string }>;
    };
    expect(Object.values(written.Workers).map((w) => [w.file, w.function])).toEqual([
      [WORKER_MODULE_FILE, WorkerFunction.importer],
      [PYTHON_WORKER_MODULE_FILE, WorkerFunction.passAll],
      [WORKER_MODULE_FILE, WorkerFunction.checkingExporter],
    ]);
    const module = readFileSync(join(dir, PYTHON_WORKER_MODULE_FILE), 'utf8');
    for (const name of [WorkerFunction.importer, WorkerFunction.passAll, WorkerFunction.checkingExporter])
      expect(module).toContain(`def ${name}(io):`);
  });
});

describe('parsing what a run printed', () => {
  it('reads the events per buffer from the summary', () => {
    const lines = [
      'run directory: /x/run_1',
      'run finished after 0.4 s: every worker ended normally (exit code 0)',
      'buffers:',
      '  raw           100,000 events     270,270/s (root)',
      '  filtered       99,999 events     270,267/s',
      'workers:',
      '  importer ok',
    ];
    expect(parseBufferEvents(lines)).toEqual(
      new Map([
        ['raw', 100_000],
        ['filtered', 99_999],
      ]),
    );
  });

  it('reads report lines among other log lines, and refuses a broken one', () => {
    const log =
      '[0] hello\n[1] mimocorb2-bench {"worker":"filter","events":3}\n[0] mimocorb2-bench {"events":4}\n';
    expect(parseReports(log, 'filter')).toEqual([{ worker: 'filter', events: 3 }, { events: 4 }]);
    expect(() => parseReports('[0] mimocorb2-bench {oops', 'filter')).toThrow(
      "worker 'filter' wrote a report that is not JSON",
    );
  });
});
