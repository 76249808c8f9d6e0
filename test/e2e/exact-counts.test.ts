// Every event the importer committed arrives exactly once, through the real CLI: chains, a Filter
// and a Processor to two sinks, three processes on the middle worker, an Observer alongside.
// The buffers do not overwrite, so nothing may be lost.
import { describe, expect, it } from 'vitest';
import {
  expectExit,
  expectNothingLeft,
  readLog,
  startRun,
  useCliRuns,
  waitForRunDir,
} from '../helpers/cli.js';
import { useProcessCleanup } from '../helpers/processes.js';
import {
  bufferOf,
  compareCounters,
  EXACTLY_ONCE,
  parseSummary,
  range,
  readObserved,
  readReceived,
  type Received,
} from './run-output.js';

useProcessCleanup();
useCliRuns();

/** Asserts that an exporter got exactly `expected` counters (any order), each with value = counter. */
function expectExactly(received: Received, expected: readonly number[], what: string): void {
  expect(received.counters.length, `${what}: events received`).toBe(expected.length);
  expect(compareCounters(received.counters, expected), `${what}: the counters received`).toEqual(
    EXACTLY_ONCE,
  );
  expect(received.values, `${what}: each event's value is its counter`).toEqual(received.counters);
}

describe('mimocorb2 run: exact counts', () => {
  it('importer -> filter (pass all) -> exporter: the exporter gets every event once', async () => {
    const run = startRun('chain.yaml');
    const runDir = await waitForRunDir(run);
    const { stdout } = await expectExit(run, 0);
    const summary = parseSummary(stdout);
    // chain-config.yaml's n_events (12000) wins over base_config's (10000).
    expect(bufferOf(summary, 'raw')).toMatchObject({ events: 12_000, isRoot: true, redelivered: 0 });
    expect(bufferOf(summary, 'passed')).toMatchObject({ events: 12_000, isRoot: false });
    expect(summary.workers).toEqual(
      new Map([
        ['source', 'ok'],
        ['filter', 'ok'],
        ['sink', 'ok'],
      ]),
    );
    expectExactly(readReceived(runDir, 'sink'), range(12_000), 'sink');
    expectNothingLeft(run);
  });

  it('a Filter to two sinks: each sink gets exactly the events selected for it', async () => {
    const run = startRun('filter-two-sinks.yaml');
    const runDir = await waitForRunDir(run);
    const summary = parseSummary((await expectExit(run, 0)).stdout);
    const all = range(10_000);
    const even = all.filter((c) => c % 2 === 0);
    const triple = all.filter((c) => c % 3 === 0);
    expect(bufferOf(summary, 'raw').events).toBe(10_000);
    expect(bufferOf(summary, 'even').events).toBe(even.length);
    expect(bufferOf(summary, 'triple').events).toBe(triple.length);
    expectExactly(readReceived(runDir, 'even_sink'), even, 'even_sink');
    expectExactly(readReceived(runDir, 'triple_sink'), triple, 'triple_sink');
    expectNothingLeft(run);
  });

  it('a Processor to two sinks: each sink gets exactly the results made for it', async () => {
    const run = startRun('processor-two-sinks.yaml');
    const runDir = await waitForRunDir(run);
    const summary = parseSummary((await expectExit(run, 0)).stdout);
    const all = range(10_000);
    expectExactly(readReceived(runDir, 'all_sink'), all, 'all_sink');
    // fan_out: counter % 4 == 0 gives (counter, counter) and (counter, -counter-1); == 1 gives (counter, counter).
    const expected = all
      .flatMap((c) =>
        c % 4 === 0 ? [[c, c] as const, [c, -c - 1] as const] : c % 4 === 1 ? [[c, c] as const] : [],
      )
      .map(([counter, value]) => `${counter}:${value}`)
      .sort();
    const some = readReceived(runDir, 'some_sink');
    expect(
      some.counters.map((counter, i) => `${counter}:${some.values[i]}`).sort(),
      'some_sink: (counter, value)',
    ).toEqual(expected);
    expect(bufferOf(summary, 'all').events).toBe(10_000);
    expect(bufferOf(summary, 'some').events).toBe(expected.length);
    expectNothingLeft(run);
  });

  it('number_of_processes: 3 on the middle worker: still every event exactly once', async () => {
    const run = startRun('three-filters.yaml');
    const runDir = await waitForRunDir(run);
    const summary = parseSummary((await expectExit(run, 0)).stdout);
    expect(summary.workers.get('filter')).toBe('all 3: ok');
    expect(
      readLog(runDir, 'filter')
        .match(/^\[\d\] started pid \d+$/gm)
        ?.sort(),
    ).toHaveLength(3);
    expect(bufferOf(summary, 'passed').events).toBe(10_000);
    expectExactly(readReceived(runDir, 'sink'), range(10_000), 'sink');
    expectNothingLeft(run);
  });

  it('an Observer alongside the chain sees some events and takes none', async () => {
    const run = startRun('observed-chain.yaml');
    const runDir = await waitForRunDir(run);
    const summary = parseSummary((await expectExit(run, 0)).stdout);
    expect(summary.workers.get('look')).toBe('ok');
    expectExactly(readReceived(runDir, 'sink'), range(10_000), 'sink');
    const observed = readObserved(runDir, 'look');
    // It ends when the buffer ends, and always sees the last commit if it had not seen it yet.
    expect(observed.count).toBeGreaterThanOrEqual(1);
    expect(new Set(observed.counters).size, 'no event observed twice').toBe(observed.count);
    expect(observed.counters.every((c) => c >= 0 && c < 10_000)).toBe(true);
    expect(observed.counters.at(-1)).toBe(9_999);
    expectNothingLeft(run);
  });
});
