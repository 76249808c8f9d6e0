// `--set <worker>.<key>=<value>` on the command line of run and validate.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  E2E_FIXTURES,
  expectExit,
  expectNothingLeft,
  readLog,
  startCli,
  startRun,
  targetDirEntries,
  useCliRuns,
  waitForRunDir,
} from '../helpers/cli.js';
import { useProcessCleanup } from '../helpers/processes.js';
import { bufferOf, parseSummary } from './run-output.js';

useProcessCleanup();
useCliRuns();

const CHAIN = join(E2E_FIXTURES, 'chain.yaml');

describe('mimocorb2 run --set', () => {
  it("sets worker config keys over the setup's, and the run directory's setup.yaml shows them", async () => {
    const run = startRun(CHAIN, [
      '--ui',
      'none',
      '--set',
      'source.n_events=700',
      '--set',
      'sink.note={a: [1, 2]}',
    ]);
    const runDir = await waitForRunDir(run);
    const summary = parseSummary((await expectExit(run, 0)).stdout);
    expect(bufferOf(summary, 'raw').events).toBe(700);
    expect(readLog(runDir, 'sink')).toContain('received 700 events');
    const setup = parse(readFileSync(join(runDir, 'setup.yaml'), 'utf8')) as {
      Workers: Record<string, { config: Record<string, unknown> }>;
    };
    expect(setup.Workers['source']?.config).toMatchObject({ n_events: 700, log_every: 5000 });
    expect(setup.Workers['sink']?.config).toMatchObject({ note: { a: [1, 2] } });
    expectNothingLeft(run);
  });

  it('refuses an unknown worker (run: exit 2, nothing made; validate: exit 2)', async () => {
    const run = startRun(CHAIN, ['--ui', 'none', '--set', 'souce.n_events=7']);
    const validate = startCli(['validate', CHAIN, '--set', 'souce.n_events=7']);
    const problem =
      `setup ${CHAIN} has 1 problem:\n` +
      "  --set souce.n_events=7: no worker named 'souce' (did you mean 'source'?); the workers are source, filter, sink\n";
    expect((await expectExit(run, 2)).stderr).toBe(problem);
    expect((await expectExit(validate, 2)).stderr).toBe(problem);
    expect(targetDirEntries(run)).toEqual([]);
    expectNothingLeft(run);
  });

  it('refuses a malformed pair before it reads the setup', async () => {
    const run = startRun(CHAIN, ['--ui', 'none', '--set', 'n_events=7']);
    const { stderr, stdout } = await expectExit(run, 2);
    expect(stderr).toBe(
      "--set expects <worker>.<key>=<value> (the value in YAML), got 'n_events=7' (no . between worker and key)\nsee mimocorb2 --help\n",
    );
    expect(stdout.join('')).toBe('');
    expect(targetDirEntries(run)).toEqual([]);
  });

  it("checks a prebuilt function's value like the setup's and names the --set", async () => {
    const setup = join(E2E_FIXTURES, '..', 'functions', 'csv.yaml');
    const validate = startCli(['validate', setup, '--set', 'save.save_interval=-2']);
    const { stderr } = await expectExit(validate, 2);
    expect(stderr).toContain(
      '--set save.save_interval=-2: Workers.save.config.save_interval: expected a number ≥ 0, got number -2',
    );
  });

  it('is explained by --help of run and validate', async () => {
    for (const command of ['run', 'validate']) {
      const help = startCli([command, '--help']);
      const { stdout } = await expectExit(help, 0);
      expect(stdout.join('\n')).toMatch(/--set\s+set a worker's config key/);
    }
  });
});
