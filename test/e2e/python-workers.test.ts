// Python worker files of the original's kind (test/fixtures/e2e/workers.py) run beside TypeScript
// ones through the real CLI: every position of a chain in either language with exact counts, a
// Python error's traceback in the log, the original's looser ufunc results, a missing config key,
// an interpreter without numpy, scipy in a worker. (A Python process killed mid-run: worker-killed.test.ts.)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPeaks } from '../../src/index.js';
import {
  E2E_FIXTURES,
  expectExit,
  expectNothingLeft,
  readLog,
  startCli,
  startRun,
  useCliRuns,
  waitForRunDir,
} from '../helpers/cli.js';
import { RUNTIME_PYTHON } from '../helpers/implementations.js';
import { useProcessCleanup } from '../helpers/processes.js';
import { findPythonWithScipy } from '../helpers/scipy.js';
import {
  bufferOf,
  compareCounters,
  EXACTLY_ONCE,
  parseSummary,
  range,
  readObserved,
  readReceived,
} from './run-output.js';

useProcessCleanup();
useCliRuns();

const SCIPY = findPythonWithScipy('the scipy worker test');

/** fan_out's second sink: (value, value) and (value, -value-1) for value % 4 == 0, (value, value) for 1. */
function fannedOut(n: number): string[] {
  return range(n)
    .flatMap((c) =>
      c % 4 === 0
        ? [
            [c, c],
            [c, -c - 1],
          ]
        : c % 4 === 1
          ? [[c, c]]
          : [],
    )
    .map(([counter, value]) => `${counter}:${value}`)
    .sort();
}

describe.skipIf(RUNTIME_PYTHON === undefined)('mimocorb2 run: Python workers', () => {
  it.each([
    ['a', 'Python importer, processor, observer, an exporter; TypeScript filter x2, an exporter'],
    ['b', 'TypeScript importer, processor, observer, an exporter; Python filter x2, an exporter'],
  ])('mixed chain %s (%s): every event exactly once', async (variant) => {
    const pythonExporter = variant === 'a' ? 'some_sink' : 'all_sink';
    const run = startRun(`python-mixed-${variant}.yaml`);
    const runDir = await waitForRunDir(run);
    const summary = parseSummary((await expectExit(run, 0)).stdout);
    for (const worker of ['source', 'fan_out', 'all_sink', 'some_sink', 'look'])
      expect(summary.workers.get(worker), worker).toBe('ok');
    expect(summary.workers.get('filter')).toBe('all 2: ok');
    expect(readLog(runDir, 'filter').match(/^\[[01]\] started pid \d+$/gm)).toHaveLength(2);
    expect(bufferOf(summary, 'raw')).toMatchObject({ events: 10_000, isRoot: true, redelivered: 0 });
    expect(bufferOf(summary, 'passed').events).toBe(10_000);
    const all = readReceived(runDir, 'all_sink');
    expect(compareCounters(all.counters, 10_000), 'all_sink').toEqual(EXACTLY_ONCE);
    expect(all.values).toEqual(all.counters);
    const some = readReceived(runDir, 'some_sink');
    const expected = fannedOut(10_000);
    expect(some.counters.map((counter, i) => `${counter}:${some.values[i]}`).sort(), 'some_sink').toEqual(
      expected,
    );
    expect(bufferOf(summary, 'some').events).toBe(expected.length);
    const observed = readObserved(runDir, 'look');
    expect(observed.count).toBeGreaterThanOrEqual(1);
    expect(new Set(observed.counters).size, 'no event observed twice').toBe(observed.count);
    // Two filter processes commit to `passed`: the last commit is not always counter 9999.
    expect(observed.counters.every((c) => c >= 0 && c < 10_000)).toBe(true);
    // A Python worker's display (the exporter's last frame) is saved as a picture like a TypeScript one's.
    const picture = readFileSync(join(runDir, 'displays', `${pythonExporter}.0.received.svg`), 'utf8');
    expect(picture).toContain(`${pythonExporter === 'some_sink' ? expected.length : 10_000} events`);
    expectNothingLeft(run);
  });

  it('the raw buffer API (with io.write[0] / io.read[0] as (metadata, data)) and IsAlive: every event once', async () => {
    const run = startRun('python-raw.yaml');
    const runDir = await waitForRunDir(run);
    const summary = parseSummary((await expectExit(run, 0)).stdout);
    for (const worker of ['source', 'filter', 'sink', 'alive', 'layout', 'observed'])
      expect(summary.workers.get(worker), worker).toBe('ok');
    expect(bufferOf(summary, 'passed').events).toBe(5_000);
    // The original's get_stats() on each interface (Python), and stats() (TypeScript).
    const statsOf = (worker: string): Record<string, Record<string, unknown>> => {
      const line = /^\[0\] stats (.*)$/m.exec(readLog(runDir, worker))?.[1];
      expect(line, `a stats line in the log of ${worker}`).toBeDefined();
      return JSON.parse(line ?? '{}') as Record<string, Record<string, unknown>>;
    };
    const ended = { name: 'passed', slot_count: 64, written: 5_000, event_count: 5_000, ended: true };
    expect(statsOf('source')).toMatchObject({
      name: 'raw',
      written: 5_000,
      event_count: 5_000,
      ended: false,
    });
    expect(statsOf('source')['rate']).toBeGreaterThan(0);
    expect(statsOf('sink')).toMatchObject({ ...ended, read: 5_000, flush_event_received: true });
    expect(statsOf('sink')).toMatchObject({
      filled_slots: 0,
      empty_slots: 1,
      paused: false,
      paused_count: 0,
    });
    expect(statsOf('alive')).toMatchObject(ended);
    expect(statsOf('filter')).toMatchObject({
      source: { name: 'raw', written: 5_000, read: 5_000, ended: true },
      sink: { name: 'passed', written: 5_000, openWriters: 0, ended: true },
    });
    expect(statsOf('observed')).toMatchObject({ name: 'passed', written: 5_000, ended: true });
    const received = readReceived(runDir, 'sink');
    expect(received.counters).toEqual(range(5_000));
    expect(received.values).toEqual(received.counters);
    expect(readLog(runDir, 'alive')).toMatch(/^\[0\] observed buffer ended after \d+ looks$/m);
    expect(readLog(runDir, 'layout')).toContain(
      "[0] passed: 64 slots of 1 x [('value', '<f8')], example (1,) True, " +
        "metadata 1 x ('counter', 'timestamp', 'deadtime') (1,)",
    );
    expectNothingLeft(run);
  });

  it("the original's looser results: a Filter's 0 and [] drop the event, a Processor may return a numpy record", async () => {
    const run = startRun('python-result-forms.yaml');
    const runDir = await waitForRunDir(run);
    const summary = parseSummary((await expectExit(run, 0)).stdout);
    for (const worker of ['source', 'filter', 'double', 'sink'])
      expect(summary.workers.get(worker), worker).toBe('ok');
    const even = range(500).map((i) => 2 * i);
    expect(bufferOf(summary, 'even').events).toBe(500);
    const received = readReceived(runDir, 'sink');
    expect(received.counters).toEqual(even);
    expect(received.values).toEqual(even.map((value) => 2 * value));
    expectNothingLeft(run);
  });

  it('a Python filter that raises: its traceback with file and line in the log, the worker named, exit 1', async () => {
    const run = startRun('python-throwing-filter.yaml');
    const runDir = await waitForRunDir(run);
    const { stdout, stderr } = await expectExit(run, 1);
    const message = "worker 'filter': Filter: ufunc failed (ValueError('told to throw at value 500'))";
    expect(stderr).toContain(`worker 'filter' process 0 (pid`);
    expect(stderr).toContain(message);
    const summary = parseSummary(stdout);
    expect(summary.workers.get('filter')).toBe(`failed (code 1): ${message}`);
    expect(summary.workers.get('sink')).toBe('ok');
    expect(bufferOf(summary, 'passed').events).toBe(500);
    const log = readLog(runDir, 'filter');
    const line =
      readFileSync(join(E2E_FIXTURES, 'workers.py'), 'utf8')
        .split('\n')
        .findIndex((text) => text.includes('raise ValueError(f"told to throw')) + 1;
    expect(log).toContain(`[0]   File "${join(E2E_FIXTURES, 'workers.py')}", line ${line}, in ufunc`);
    expect(log).toContain('[0] ValueError: told to throw at value 500');
    expect(log).toMatch(/^\[0\] worker 'filter' process 0 failed while running: UfuncError: /m);
    expectNothingLeft(run);
  });

  it("a Python worker reading a key its config lacks at its start: the worker, the key and the config's keys", async () => {
    const run = startRun('python-missing-key.yaml');
    const { stderr } = await expectExit(run, 2);
    expect(stderr).toMatch(
      /^worker 'filter' process 0 \(pid \d+\) failed to start while setting up \(its config, buffers and template\): worker 'filter': key 'threshold' is not in its config \(its keys: limit\)$/m,
    );
    expectNothingLeft(run);
  });

  it('an interpreter without numpy: validate and run refuse it, naming the Debian package, nothing started', async () => {
    const setupFile = join(E2E_FIXTURES, 'python-no-numpy.yaml');
    for (const run of [startCli(['validate', setupFile]), startRun(setupFile)]) {
      const { stderr } = await expectExit(run, 2);
      expect(stderr).toContain(
        `Workers.sink.file: cannot load 'workers.py' with ${join(E2E_FIXTURES, 'no-numpy-python')}: workers.py:`,
      );
      expect(stderr).toContain('install the Debian package python3-numpy');
      expectNothingLeft(run);
    }
  });

  it.skipIf(SCIPY === undefined)("scipy's find_peaks in a Python worker agrees with findPeaks", async () => {
    const run = startRun('python-peaks.yaml');
    const runDir = await waitForRunDir(run);
    await expectExit(run, 0);
    const results = JSON.parse(readFileSync(join(runDir, 'peaks.peaks.json'), 'utf8')) as {
      x: number[];
      peaks: number[];
      prominences: number[];
      widths: number[];
    }[];
    expect(results).toHaveLength(300);
    const options = { prominence: 15, width: 2, distance: 5 };
    let peakCount = 0;
    for (const [event, scipy] of results.entries()) {
      const ours = findPeaks(Float64Array.from(scipy.x), options);
      expect(Array.from(ours.peaks), `event ${event}: peaks`).toEqual(scipy.peaks);
      const close = (a: ArrayLike<number> | undefined, b: number[]) =>
        Array.from(a ?? []).every(
          (value, i) => Math.abs(value - (b[i] as number)) <= 1e-9 * Math.max(1, Math.abs(value)),
        );
      expect(close(ours.properties.prominences, scipy.prominences), `event ${event}: prominences`).toBe(true);
      expect(close(ours.properties.widths, scipy.widths), `event ${event}: widths`).toBe(true);
      peakCount += scipy.peaks.length;
    }
    expect(peakCount, 'the waveforms have pulses').toBeGreaterThan(300);
    expectNothingLeft(run);
  });
});
