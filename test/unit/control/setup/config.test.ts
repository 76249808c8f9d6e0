import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSetup, type ResolvedSetup } from '../../../../src/control/setup/index.js';
import { useSetupDirs, WORKERS_TS } from './setup-dir.js';

const makeDir = useSetupDirs();

/** A setup whose one worker has `config` (YAML text) and the given base_config line. */
function setupWith(config: string, baseConfig = ''): string {
  return `Buffers:
  raw: {slot_count: 8, data_length: 4, data_dtype: {ch1: f4}}
Workers:
  source:
    file: workers.ts
    function: source
    sinks: [raw]
    config: ${config}
  store: {function: exporters.csv, sources: [raw]}
${baseConfig}`;
}

function configOf(setup: ResolvedSetup, worker: string): Readonly<Record<string, unknown>> | undefined {
  return setup.workers.find((w) => w.name === worker)?.config;
}

describe('worker config', () => {
  it('takes a mapping as it is, passing its keys through untouched', () => {
    const dir = makeDir({
      'setup.yaml': setupWith('{n_events: 10, Odd-Key: [1, {a: b}], file_name: data/x.csv}'),
      'workers.ts': WORKERS_TS,
    });
    const setup = loadSetup(join(dir, 'setup.yaml'));
    expect(configOf(setup, 'source')).toEqual({
      n_events: 10,
      'Odd-Key': [1, { a: 'b' }],
      file_name: 'data/x.csv',
    });
    expect(configOf(setup, 'store')).toEqual({});
  });

  it('loads a file relative to the setup file, and does not rewrite paths inside it', () => {
    const dir = makeDir({
      'sub/setup.yaml': setupWith('configs/source.yaml'),
      'sub/workers.ts': WORKERS_TS,
      'sub/configs/source.yaml': 'rate: 5\nfilename: spectra/co60.html\n',
    });
    expect(configOf(loadSetup(join(dir, 'sub/setup.yaml')), 'source')).toEqual({
      rate: 5,
      filename: 'spectra/co60.html',
    });
  });

  it('merges a list of files and mappings in order, later keys winning', () => {
    const dir = makeDir({
      'setup.yaml': setupWith('[a.yaml, {b: 20, c: 20}, c.yaml]'),
      'workers.ts': WORKERS_TS,
      'a.yaml': 'a: 1\nb: 1\nc: 1\nnested: {x: 1, y: 1}\n',
      'c.yaml': 'c: 3\nnested: {x: 3}\n',
    });
    // Shallow: a later `nested` replaces the earlier one as a whole.
    expect(configOf(loadSetup(join(dir, 'setup.yaml')), 'source')).toEqual({
      a: 1,
      b: 20,
      c: 3,
      nested: { x: 3 },
    });
  });

  it('merges base_config under every worker config, in each of its forms', () => {
    const files = { 'workers.ts': WORKERS_TS, 'base.yaml': 'debug: false\nrate: 1\n' };
    for (const base of [
      '{debug: false, rate: 1}',
      'base.yaml',
      '[base.yaml]',
      '[{debug: true}, base.yaml]',
    ]) {
      const dir = makeDir({ ...files, 'setup.yaml': setupWith('{rate: 7, n: 3}', `base_config: ${base}\n`) });
      const setup = loadSetup(join(dir, 'setup.yaml'));
      expect(configOf(setup, 'source'), base).toEqual({ debug: false, rate: 7, n: 3 });
      expect(configOf(setup, 'store'), base).toEqual({ debug: false, rate: 1 });
    }
  });

  it('takes an absolute config path and one in the home directory', () => {
    const home = makeDir({ 'cfg/home.yaml': 'from: home\n' });
    const elsewhere = makeDir({ 'abs.yaml': 'abs: true\n' });
    const dir = makeDir({
      'setup.yaml': setupWith(`[${join(elsewhere, 'abs.yaml')}, ~/cfg/home.yaml]`),
      'workers.ts': WORKERS_TS,
    });
    const previousHome = process.env['HOME'];
    process.env['HOME'] = home;
    try {
      expect(configOf(loadSetup(join(dir, 'setup.yaml')), 'source')).toEqual({ abs: true, from: 'home' });
    } finally {
      process.env['HOME'] = previousHome;
    }
  });

  it('treats an empty config file as {} with one warning, however often it is used', () => {
    const dir = makeDir({
      'setup.yaml': setupWith('[empty.yaml, {a: 1}, empty.yaml]', 'base_config: empty.yaml\n'),
      'workers.ts': WORKERS_TS,
      'empty.yaml': '# nothing configured yet\n',
    });
    const setup = loadSetup('setup.yaml', { cwd: dir });
    expect(configOf(setup, 'source')).toEqual({ a: 1 });
    expect(setup.warnings).toEqual([
      'empty.yaml: empty config file, used as {} (loaded by Workers.source.config[0] of setup.yaml)',
    ]);
  });

  it('applies anchors and merge keys inside a config file', () => {
    const dir = makeDir({
      'setup.yaml': setupWith('cfg.yaml'),
      'workers.ts': WORKERS_TS,
      'cfg.yaml': 'defaults: &defaults {bins: 10, range: [0, 1]}\nhist:\n  <<: *defaults\n  bins: 20\n',
    });
    expect(configOf(loadSetup(join(dir, 'setup.yaml')), 'source')).toEqual({
      defaults: { bins: 10, range: [0, 1] },
      hist: { bins: 20, range: [0, 1] },
    });
  });
});
