// exporters.csv and exporters.histogram through the real CLI: the files they write, read back as a
// physicist reads them (csv-parse, numpy), every event exactly once; the exit code and exact
// messages of broken configs; and a CSV cut back to whole rows after its exporter was killed.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import {
  type CliRun,
  expectExit,
  expectNothingLeft,
  isProcessOfRun,
  processesOfRun,
  REPO_ROOT,
  startCli,
  startRun,
  targetDirEntries,
  useCliRuns,
  waitForRunDir,
} from '../helpers/cli.js';
import { useProcessCleanup, waitFor } from '../helpers/processes.js';
import { PYTHON, runPythonJson } from '../helpers/python.js';
import { bufferOf, parseSummary } from './run-output.js';

useProcessCleanup();
useCliRuns();

const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'functions');

function readCsv(file: string): Record<string, string>[] {
  return parse<Record<string, string>>(readFileSync(file), { columns: true });
}

const INTEGER = /^-?\d+$/;

describe('exporters.csv', () => {
  it('writes every event once: metadata, then each field as its dtype says; passes them on', async () => {
    const run = startRun(join(FIXTURES, 'csv.yaml'));
    const runDir = await waitForRunDir(run);
    const { stdout } = await expectExit(run, 0);
    expect(bufferOf(parseSummary(stdout), 'passed').events).toBe(2000);
    const text = readFileSync(join(runDir, 'pulses.csv'), 'utf8');
    expect(text.split('\n')[0]).toBe('counter,timestamp,deadtime,height,area,channel,big,flag,label');
    const rows = readCsv(join(runDir, 'pulses.csv'));
    expect(rows.map((row) => Number(row['counter']))).toEqual([...Array(2000).keys()]);
    const wrong = rows.filter((row, i) => {
      const { counter = '', timestamp, deadtime, height, area, channel = '', big = '', flag, label } = row;
      return !(
        INTEGER.test(counter) &&
        Number(timestamp) > 1.7e9 &&
        Number(deadtime) >= 0 &&
        Number(deadtime) <= 1 &&
        Math.fround(Number(height)) === Math.fround(i * 0.1) &&
        Number(area) === i * 0.1 &&
        INTEGER.test(channel) &&
        Number(channel) === i &&
        INTEGER.test(big) &&
        Number(big) === i &&
        flag === (i % 2 === 1 ? 'True' : 'False') &&
        label === `e${i}`
      );
    });
    expect(wrong.slice(0, 3)).toEqual([]);
    // The shortest decimals: f4 0.3 is not written as 0.30000001192092896.
    expect(rows[3]?.['height']).toBe('0.3');
    expect(rows[3]?.['area']).toBe('0.30000000000000004');
    if (PYTHON !== undefined) {
      // As the entry's reading snippet does it.
      const read = runPythonJson<{ names: string[]; counters: boolean; height: boolean }>(
        `import json, sys
import numpy as np
events = np.genfromtxt(sys.argv[1], delimiter=',', names=True)
print(json.dumps({'names': list(events.dtype.names), 'counters': bool((events['counter'] == np.arange(2000)).all()),
                  'height': bool((events['height'].astype(np.float32) == (np.arange(2000) * 0.1).astype(np.float32)).all())}))`,
        null,
        [join(runDir, 'pulses.csv')],
      );
      expect(read).toEqual({
        names: ['counter', 'timestamp', 'deadtime', 'height', 'area', 'channel', 'big', 'flag', 'label'],
        counters: true,
        height: true,
      });
    }
    expectNothingLeft(run);
  });

  it('killed in the middle of a row: control cuts the file back to whole rows', async () => {
    const run = startRun(join(FIXTURES, 'csv-paced.yaml'), ['--ui', 'none', '--duration', '4']);
    const runDir = await waitForRunDir(run);
    const file = join(runDir, 'pulses.csv');
    const lines = (): number => lineCount(file);
    await waitFor(() => lines() >= 6, 'a few rows in pulses.csv', 20_000, lines);
    const pid = saveProcess(run);
    // Frozen, then given the start of a row as a write cut short by SIGKILL leaves it.
    process.kill(pid, 'SIGSTOP');
    appendFileSync(file, '123456,1796607');
    process.kill(pid, 'SIGKILL');
    const { stderr } = await expectExit(run, 1);
    expect(stderr).toMatch(
      new RegExp(`${file}: cut off a partial last row \\((1[4-9]|[2-9]\\d) bytes\\) that worker 'save' left`),
    );
    const text = readFileSync(file, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const rows = readCsv(file);
    expect(rows.length).toBeGreaterThanOrEqual(5);
    expect(rows.map((row) => Number(row['counter']))).toEqual([...Array(rows.length).keys()]);
    expectNothingLeft(run);
  });
});

describe('exporters.csv killed with rows not yet appended', () => {
  it('keeps their events in the buffer: restarted, it appends them, and the file has every event', async () => {
    const run = startRun(join(FIXTURES, 'csv-held.yaml'), ['--ui', 'none']);
    const runDir = await waitForRunDir(run);
    const file = join(runDir, 'pulses.csv');
    const lines = (): number => lineCount(file);
    // save_interval is 1000 s, yet rows reach the file before the exporter gives their slots back.
    await waitFor(() => lines() >= 50, 'rows in pulses.csv before the exporter waits again', 20_000, lines);
    const pid = saveProcess(run);
    process.kill(pid, 'SIGKILL');
    const { stdout } = await expectExit(run, 0, 60_000);
    const counters = readCsv(file).map((row) => Number(row['counter']));
    expect(new Set(counters)).toEqual(new Set(Array.from({ length: 600 }, (_, i) => i)));
    const { redelivered } = bufferOf(parseSummary(stdout), 'pulses');
    expect(counters.length - 600, 'rows twice, at most the events delivered again').toBeLessThanOrEqual(
      redelivered,
    );
    expectNothingLeft(run);
  });
});

describe('misc.copy', () => {
  it('gives every event to each sink: two CSV files with every event once', async () => {
    const run = startRun(join(FIXTURES, 'copy.yaml'));
    const runDir = await waitForRunDir(run);
    await expectExit(run, 0);
    for (const name of ['a', 'b']) {
      const rows = readCsv(join(runDir, `${name}.csv`));
      expect(
        rows.map((row) => Number(row['counter'])),
        name,
      ).toEqual([...Array(3000).keys()]);
      expect(
        rows.every((row) => row['height'] === row['counter']),
        name,
      ).toBe(true);
    }
    expectNothingLeft(run);
  });
});

describe('exporters.histogram', () => {
  it.skipIf(PYTHON === undefined)(
    "writes histograms that the manual's plotting snippet loads, equal to numpy.histogram",
    async () => {
      const run = startRun(join(FIXTURES, 'histogram.yaml'));
      const runDir = await waitForRunDir(run);
      await expectExit(run, 0);
      const directory = join(runDir, 'Histograms_pulses');
      // The manual's snippet, with the csv module for pandas (which CI does not install).
      const result = runPythonJson<Record<string, { counts: number[]; expected: number[]; dtype: string }>>(
        `import csv, json, os, sys
import numpy as np
os.chdir(sys.argv[1])
info = list(csv.DictReader(open('info.csv')))
bins = {r['Channel']: np.linspace(float(r['Min']), float(r['Max']), int(r['NBins'])) for r in info}
values = {'height': (np.arange(1000) * 0.01).astype(np.float32), 'channel': np.arange(1000, dtype=np.int16)}
out = {}
for ch in [r['Channel'] for r in info]:
    data = np.load(f'{ch}.npy')
    assert len(bins[ch][:-1]) == len(data)
    out[ch] = {'counts': data.tolist(), 'expected': np.histogram(values[ch], bins=bins[ch])[0].tolist(), 'dtype': str(data.dtype)}
print(json.dumps(out))`,
        null,
        [directory],
      );
      expect(Object.keys(result)).toEqual(['height', 'channel']);
      for (const { counts, expected, dtype } of Object.values(result)) {
        expect(dtype).toBe('int64');
        expect(counts).toEqual(expected);
      }
      expect(readFileSync(join(directory, 'info.csv'), 'utf8')).toBe(
        'Channel,Min,Max,NBins\nheight,0,5,11\nchannel,100,900,9\n',
      );
      // Passed on unchanged to the CSV exporter behind it.
      const rows = readCsv(join(runDir, 'passed.csv'));
      expect(rows.map((row) => Number(row['channel']))).toEqual([...Array(1000).keys()]);
      expectNothingLeft(run);
    },
  );
});

describe('broken configs of prebuilt exporters', () => {
  it('validate and run: exit 2, every problem where its key was written, nothing made', async () => {
    const setupFile = join(FIXTURES, 'broken-exporters.yaml');
    const config = join(FIXTURES, 'histogram-config.yaml');
    const run = startRun(setupFile);
    const validate = startCli(['validate', setupFile]);
    const { stdout, stderr } = await expectExit(run, 2);
    expect(stderr).toBe(
      [
        `setup ${setupFile} has 4 problems:`,
        `  ${config}:3:10: Workers.histogram.config.bins.width: expected a field of the source 'pulses' (height (<f4)), got 'width'`,
        `  ${setupFile}:13:15: Workers.save_osc.sources[0]: expected a buffer with data_length 1, got 'osc' with data_length 100`,
        `  ${setupFile}:14:26: Workers.save_osc.number_of_processes: expected 1 (exporters.csv writes <run directory>/<filename>.csv; several processes would write over each other), got 2`,
        `  ${setupFile}:15:24: Workers.save_osc.config.filename: expected a name that does not clash with control's own files (setup.yaml, stats.csv, data_flow.svg, control.log, logs/, displays/), got stats.csv in the run directory`,
        '',
      ].join('\n'),
    );
    expect(stdout.join('\n')).toBe('');
    expect(targetDirEntries(run)).toEqual([]);
    expectNothingLeft(run);
    expect((await expectExit(validate, 2)).stderr, 'validate says the same').toBe(stderr);
  });
});

/** The lines in `file` so far (0 before it exists). */
function lineCount(file: string): number {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').length - 1 : 0;
}

/** The pid of the exporter process `save[0]` of the run. */
function saveProcess(run: CliRun): number {
  const pid = processesOfRun(run).find((p) => isProcessOfRun(run, p, 'save[0]'));
  expect(pid, 'the pid of save[0]').toBeDefined();
  return pid as number;
}
