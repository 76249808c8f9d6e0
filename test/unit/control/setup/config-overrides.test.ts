import { describe, expect, it } from 'vitest';
import { loadSetup, parseConfigOverride } from '../../../../src/control/setup/index.js';
import { prebuiltChecker } from '../../../../src/functions/registry.js';
import { problemsOf, useSetupDirs, WORKERS_TS } from './setup-dir.js';

const makeDir = useSetupDirs();

const SETUP = `Buffers:
  raw: {slot_count: 8, data_length: 1, data_dtype: {x: f4}}
Workers:
  source: {file: workers.ts, function: source, sinks: [raw], config: {n: 10, rate: 5}}
  my.source: {file: workers.ts, function: source, config: {n: 1}}
  save: {function: exporters.csv, sources: [raw], config: {save_interval: 2}}
base_config: {rate: 1}
`;

function load(...overrides: string[]): ReturnType<typeof loadSetup> {
  return loadSetup('setup.yaml', {
    cwd: makeDir({ 'setup.yaml': SETUP, 'workers.ts': WORKERS_TS }),
    prebuilt: prebuiltChecker,
    configOverrides: overrides.map(parseConfigOverride),
  });
}

const configOf = (setup: ReturnType<typeof loadSetup>, worker: string) =>
  setup.workers.find((w) => w.name === worker)?.config;

describe('--set <worker>.<key>=<value>', () => {
  it('sets a key over the config and base_config, the value parsed as YAML; the last one wins', () => {
    const setup = load(
      'source.n=2000',
      'source.rate=0.5',
      'source.name=Cs-137',
      'source.bins={a: [0, 1, 3]}',
      'source.empty=',
      'source.n=3000',
    );
    expect(configOf(setup, 'source')).toEqual({
      rate: 0.5,
      n: 3000,
      name: 'Cs-137',
      bins: { a: [0, 1, 3] },
      empty: null,
    });
    expect(configOf(setup, 'save')).toEqual({ rate: 1, save_interval: 2 });
    // The run directory's setup.yaml shows what the workers got.
    expect(setup.plain.Workers['source']?.config).toMatchObject({ n: 3000 });
  });

  it('finds the longest worker name before the key, so worker names may hold dots', () => {
    const setup = load('my.source.n=7', 'source.n=8');
    expect(configOf(setup, 'my.source')).toEqual({ rate: 1, n: 7 });
    expect(configOf(setup, 'source')).toMatchObject({ n: 8 });
  });

  it('checks the value of a prebuilt function like the setup, and the problem names the --set', () => {
    expect(problemsOf(() => load('save.save_interval=-1', 'save.filename=[1]'))).toEqual([
      '--set save.save_interval=-1: Workers.save.config.save_interval: expected a number ≥ 0, got number -1',
      "--set save.filename=[1]: Workers.save.config.filename: expected a file name without a directory (no '/'), got a list",
    ]);
  });

  it('refuses an unknown worker and a value that is not YAML, with the rest of the setup', () => {
    expect(problemsOf(() => load('sorce.n=1', 'source.n=[1,', 'save.save_interval=x'))).toEqual([
      "--set sorce.n=1: no worker named 'sorce' (did you mean 'source'?); the workers are source, my.source, save",
      '--set source.n=[1,: YAML syntax error: Flow sequence must end with a ]',
      '--set save.save_interval=x: Workers.save.config.save_interval: expected a number ≥ 0, got string "x"',
    ]);
  });

  it('warns about a key of a file worker that is close to one the setup gives it', () => {
    expect(load('source.rat=2', 'source.seed=3').warnings).toEqual([
      "--set source.rat=2: worker 'source' has no config key 'rat' in the setup (did you mean 'rate'?)",
    ]);
  });

  it.each([
    ['n=1', 'no . between worker and key'],
    ['source.n', 'no ='],
    ['.n=1', 'an empty worker or key'],
    ['source.=1', 'an empty worker or key'],
  ])('refuses the malformed pair %s', (text, why) => {
    expect(() => parseConfigOverride(text)).toThrow(
      `--set expects <worker>.<key>=<value> (the value in YAML), got '${text}' (${why})`,
    );
  });

  it('keeps an = in the value', () => {
    expect(parseConfigOverride('source.expr=a=b')).toEqual({
      text: 'source.expr=a=b',
      target: 'source.expr',
      valueText: 'a=b',
    });
  });
});
