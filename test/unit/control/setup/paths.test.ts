import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSetup } from '../../../../src/control/setup/index.js';
import { useSetupDirs, WORKERS_TS } from './setup-dir.js';

const makeDir = useSetupDirs();

function setupWith(extra: string, file = 'workers.ts'): string {
  return `Buffers:
  raw: {slot_count: 8, data_length: 4, data_dtype: {ch1: f4}}
Workers:
  source: {file: ${file}, function: source, sinks: [raw]}
  store: {function: exporters.csv, sources: [raw]}
${extra}`;
}

describe('paths in a setup', () => {
  let home = '';
  let previousHome: string | undefined;
  beforeEach(() => {
    home = makeDir({ 'workers/home.ts': WORKERS_TS });
    previousHome = process.env['HOME'];
    process.env['HOME'] = home;
  });
  afterEach(() => {
    process.env['HOME'] = previousHome;
  });

  it.each([
    ['no target_directory', '', (dir: string) => join(dir, 'target')],
    ['a relative one', 'target_directory: runs/today\n', (dir: string) => join(dir, 'runs/today')],
    ['a relative one with ..', 'target_directory: ../runs\n', (dir: string) => join(dir, '../runs')],
    ['an absolute one', 'target_directory: /var/tmp/runs\n', () => '/var/tmp/runs'],
    ["'~'", "target_directory: '~'\n", () => home],
    ['~/runs', 'target_directory: ~/runs\n', () => join(home, 'runs')],
  ])('resolves %s', (_, extra, expected) => {
    const dir = makeDir({ 'setup.yaml': setupWith(extra), 'workers.ts': WORKERS_TS });
    expect(loadSetup(join(dir, 'setup.yaml')).targetDirectory).toBe(expected(dir));
  });

  it('lets an override win, taken relative to the current directory', () => {
    const dir = makeDir({ 'setup.yaml': setupWith('target_directory: runs\n'), 'workers.ts': WORKERS_TS });
    const cwd = makeDir({});
    const file = join(dir, 'setup.yaml');
    expect(loadSetup(file, { targetDirectory: 'out', cwd }).targetDirectory).toBe(join(cwd, 'out'));
    expect(loadSetup(file, { targetDirectory: '/srv/out' }).targetDirectory).toBe('/srv/out');
    expect(loadSetup(file, { targetDirectory: '~/out' }).targetDirectory).toBe(join(home, 'out'));
  });

  it('makes the setup file, its directory and worker files absolute', () => {
    const dir = makeDir({
      'exp/setup.yaml': setupWith('', '../lib/workers.ts'),
      'lib/workers.ts': WORKERS_TS,
    });
    const setup = loadSetup(relative(process.cwd(), join(dir, 'exp/setup.yaml')));
    expect(setup.setupFile).toBe(join(dir, 'exp/setup.yaml'));
    expect(setup.setupDir).toBe(join(dir, 'exp'));
    expect(setup.workers.map((w) => w.file)).toEqual([join(dir, 'lib/workers.ts'), undefined]);
  });

  it('takes absolute and ~/ worker files', () => {
    const elsewhere = makeDir({ 'w.mjs': 'export function source() {}\n' });
    const absolute = makeDir({ 'setup.yaml': setupWith('', join(elsewhere, 'w.mjs')) });
    expect(loadSetup(join(absolute, 'setup.yaml')).workers[0]?.file).toBe(join(elsewhere, 'w.mjs'));
    const inHome = makeDir({ 'setup.yaml': setupWith('', '~/workers/home.ts') });
    expect(loadSetup(join(inHome, 'setup.yaml')).workers[0]?.file).toBe(join(home, 'workers/home.ts'));
  });
});
