// examples/simple runs headless to its end, as its README says.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  expectExit,
  expectNothingLeft,
  readLog,
  REPO_ROOT,
  startRun,
  useCliRuns,
  waitForRunDir,
} from '../helpers/cli.js';
import { useProcessCleanup } from '../helpers/processes.js';
import { bufferOf, parseSummary } from './run-output.js';

useProcessCleanup();
useCliRuns();

describe('examples/simple', () => {
  it('runs headless to the end: exit 0, 50 000 traces, a pulse height per delivered event', async () => {
    const run = startRun(join(REPO_ROOT, 'examples', 'simple', 'setup.yaml'));
    const runDir = await waitForRunDir(run);
    expect(runDir.startsWith(run.targetDir)).toBe(true);
    const { stdout, stderr } = await expectExit(run, 0);
    expect(stderr).toContain('note: buffers that overwrite their oldest events when full');
    expect(stderr, 'the example runs without warnings').not.toContain('warning:');
    const summary = parseSummary(stdout);
    expect(summary.workers).toEqual(
      new Map([
        ['pulse_simulator', 'ok'],
        ['filter', 'all 2: ok'],
        ['calculate_pulse_heights', 'all 3: ok'],
        ['print_pulse_heights', 'ok'],
      ]),
    );
    const raw = bufferOf(summary, 'raw_osc');
    expect(raw.events).toBe(50_000);
    expect(raw.isRoot).toBe(true);
    // The buffers overwrite: what reached the last one, minus its overwritten events, was printed.
    const heights = bufferOf(summary, 'pulse_heights');
    const printed = readLog(runDir, 'print_pulse_heights').trimEnd().split('\n');
    expect(printed.length).toBe(heights.events - heights.overwritten);
    expect(
      printed.every((line) => /^\[0\] -?\d+(\.\d+)?(e-?\d+)?$/.test(line)),
      printed.slice(0, 5).join('\n'),
    ).toBe(true);
    expectNothingLeft(run);
  });

  it.each([
    [
      'pulse_simulator.number_of_events=abc',
      `worker 'pulse_simulator': config key 'number_of_events': expected a number, got "abc"`,
    ],
    ['filter.min_height=[1]', "worker 'filter': config key 'min_height': expected a number, got [1]"],
  ])(
    '--set %s: exit 2 and the worker, key and value named, not a silent run without events',
    async (set, message) => {
      const run = startRun(join(REPO_ROOT, 'examples', 'simple', 'setup.yaml'), [
        '--ui',
        'none',
        '--set',
        set,
      ]);
      const { stdout, stderr } = await expectExit(run, 2);
      // The start phase names what it does: the worker reads its config there, not only its buffers.
      expect(stderr).toMatch(
        /failed to start while setting up \(its config, buffers and template\): worker '/,
      );
      expect(stderr).toContain(message);
      expect(stdout.join('\n')).toBe('');
      expectNothingLeft(run);
    },
  );
});
