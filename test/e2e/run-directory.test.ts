// What a run leaves in its run directory: the resolved setup, the data-flow graph, the statistics
// and one log per worker.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  E2E_FIXTURES,
  expectExit,
  readLog,
  startCli,
  startRun,
  useCliRuns,
  waitForRunDir,
} from '../helpers/cli.js';
import { useProcessCleanup, waitFor } from '../helpers/processes.js';
import { bufferOf, parseSummary, readControlLog, readStatsCsv } from './run-output.js';

useProcessCleanup();
useCliRuns();

/** The stats.csv columns (src/control/stats/stats-csv.ts) for the buffers and workers given. */
function expectedColumns(buffers: readonly string[], workers: readonly string[]): string[] {
  const bufferColumns = [
    'events',
    'rate',
    'filled',
    'free',
    'dead_time',
    'lag',
    'age_p50_s',
    'age_p99_s',
    'paused',
    'ended',
    'discarded',
    'overwritten',
    'redelivered',
    'undeliverable',
  ];
  return [
    'time',
    'elapsed_s',
    'processes_alive',
    'control.cpu_percent',
    'control.rss_mb',
    'system.cpu_percent',
    'system.mem_used_mb',
    ...buffers.flatMap((b) => bufferColumns.map((c) => `buffer.${b}.${c}`)),
    ...workers.flatMap((w) => ['alive', 'cpu_percent', 'rss_mb', 'restarts'].map((c) => `worker.${w}.${c}`)),
  ];
}

describe('mimocorb2 run: the run directory', () => {
  it('holds the resolved setup, data_flow.svg, stats.csv and a log per worker', async () => {
    const run = startRun('three-filters.yaml');
    const runDir = await waitForRunDir(run);
    expect(runDir.startsWith(`${run.targetDir}/run_`), `${runDir} is in --target-dir`).toBe(true);
    const summary = parseSummary((await expectExit(run, 0)).stdout);

    expect(readdirSync(runDir).sort()).toEqual(
      ['control.log', 'data_flow.svg', 'logs', 'received.sink.0.json', 'setup.yaml', 'stats.csv'].sort(),
    );
    expect(readdirSync(join(runDir, 'logs')).sort()).toEqual(['filter.log', 'sink.log', 'source.log']);

    const svg = readFileSync(join(runDir, 'data_flow.svg'), 'utf8');
    expect(svg).toMatch(/<svg[\s>]/);
    expect(svg).toMatch(/<\/svg>\s*$/);
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((match) => match[1]);
    // Buffers with their slot_count × data_length, workers with their number of processes.
    expect(texts.sort()).toEqual(['64 × 1', '64 × 1', 'filter ×3', 'passed', 'raw', 'sink', 'source']);

    const { header, rows } = readStatsCsv(runDir);
    expect(header).toEqual(expectedColumns(['raw', 'passed'], ['source', 'filter', 'sink']));
    expect(rows.length).toBeGreaterThanOrEqual(1);
    const last = rows.at(-1) as Map<string, string>;
    for (const buffer of ['raw', 'passed']) {
      expect(Number(last.get(`buffer.${buffer}.events`)), `stats.csv's last ${buffer} events`).toBe(
        bufferOf(summary, buffer).events,
      );
      expect(last.get(`buffer.${buffer}.ended`)).toBe('1');
    }
    expect(last.get('processes_alive')).toBe('0');
    expect(Number(last.get('elapsed_s'))).toBeGreaterThan(0);

    // Every line a worker process writes starts with its process index.
    const filterLog = readLog(runDir, 'filter').trimEnd().split('\n');
    expect(
      filterLog.every((line) => /^\[[0-2]\] /.test(line)),
      filterLog.join('\n'),
    ).toBe(true);
    expect(new Set(filterLog.map((line) => line.slice(0, 3)))).toEqual(new Set(['[0]', '[1]', '[2]']));
    expect(readLog(runDir, 'sink')).toMatch(/^\[0\] started pid \d+\n\[0\] received 10000 events\n$/);

    // control.log: what control did, each line with its time.
    const controlLog = readControlLog(runDir);
    expect(controlLog[0]).toMatch(
      /^started 5 worker processes: source\[0\] pid \d+, filter\[0\] pid \d+, filter\[1\] pid \d+, filter\[2\] pid \d+, sink\[0\] pid \d+$/,
    );
    const ends = controlLog.filter((line) => / process \d \(pid \d+\) /.test(line));
    expect(ends).toHaveLength(5);
    expect(ends.every((line) => line.endsWith('exited with code 0'))).toBe(true);
    expect(controlLog.at(-1)).toBe(`run finished after ${summary.seconds.toFixed(1)} s: exit code 0`);
  });

  it('setup.yaml is the resolved setup: config files and base_config merged, paths absolute', async () => {
    const run = startRun('chain.yaml');
    const runDir = await waitForRunDir(run);
    await expectExit(run, 0);
    const setup = parse(readFileSync(join(runDir, 'setup.yaml'), 'utf8')) as {
      Buffers: Record<string, unknown>;
      Workers: Record<string, { file: string; config: Record<string, unknown>; number_of_processes: number }>;
      target_directory: string;
    };
    const workerFile = join(E2E_FIXTURES, 'workers.ts');
    expect(Object.keys(setup.Buffers)).toEqual(['raw', 'passed']);
    expect(setup.Buffers['raw']).toEqual({
      slot_count: 64,
      data_length: 1,
      data_dtype: { value: 'f8' },
      overwrite: false,
    });
    // base_config, then chain-config.yaml, then the inline config: later keys win.
    expect(setup.Workers['source']).toMatchObject({
      file: workerFile,
      function: 'count_up',
      number_of_processes: 1,
      config: { n_events: 12_000, lab: 'e2e', detector: 'muon-panel', log_every: 5000 },
    });
    expect(setup.Workers['filter']?.config).toEqual({ n_events: 10_000, lab: 'e2e' });
    expect(setup.Workers['sink']?.file).toBe(workerFile);
    expect(setup.target_directory).toBe(run.targetDir);
  });
});

describe('mimocorb2 run: the latest link', () => {
  it('every run points <target>/latest at its run directory; a run that fails to start does not', async () => {
    const target = join(mkdtempSync(join(tmpdir(), 'mimocorb2-latest-')), 'target');
    const setup = join(E2E_FIXTURES, 'chain.yaml');
    try {
      const first = startCli(['run', setup, '--ui', 'none', '--target-dir', target]);
      const firstDir = await waitForRunDir(first);
      await expectExit(first, 0);
      expect(readlinkSync(join(target, 'latest'))).toBe(basename(firstDir));
      const second = startCli(['run', setup, '--ui', 'none', '--target-dir', target]);
      const secondDir = await waitForRunDir(second);
      await expectExit(second, 0);
      // A relative link: the run directory's name.
      expect(readlinkSync(join(target, 'latest'))).toBe(basename(secondDir));
      expect(readFileSync(join(target, 'latest', 'setup.yaml'), 'utf8')).toBe(
        readFileSync(join(secondDir, 'setup.yaml'), 'utf8'),
      );
      const failing = startCli([
        'run',
        join(E2E_FIXTURES, 'slow-start.yaml'),
        '--ui',
        'none',
        '--target-dir',
        target,
      ]);
      await waitFor(() => readdirSync(target).length === 4, 'the third run directory');
      failing.child.process.kill('SIGINT');
      await expectExit(failing, 130);
      expect(readlinkSync(join(target, 'latest'))).toBe(basename(secondDir));
      expect(readdirSync(target).sort()).toEqual([basename(firstDir), basename(secondDir), 'latest'].sort());
    } finally {
      rmSync(dirname(target), { recursive: true, force: true });
    }
  });

  it('leaves a directory of the same name alone and says so', async () => {
    const target = join(mkdtempSync(join(tmpdir(), 'mimocorb2-latest-')), 'target');
    mkdirSync(join(target, 'latest'), { recursive: true });
    try {
      const run = startCli(['run', join(E2E_FIXTURES, 'chain.yaml'), '--ui', 'none', '--target-dir', target]);
      const runDir = await waitForRunDir(run);
      const { stderr } = await expectExit(run, 0);
      expect(stderr).toContain(
        `${join(target, 'latest')} is not a link, so it was left alone and does not point at ${basename(runDir)}`,
      );
      expect(readdirSync(join(target, 'latest'))).toEqual([]);
    } finally {
      rmSync(dirname(target), { recursive: true, force: true });
    }
  });
});
