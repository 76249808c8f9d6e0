// A buffer no worker reads holds its writers back while the roots run (the setup's warning says
// so), but never keeps the run from ending: once the roots are done, control takes what arrives
// in it and counts it as undeliverable, so the chain drains and the run ends by itself (exit 1, as
// for every run whose events could not all be delivered).
import { describe, expect, it } from 'vitest';
import { expectExit, expectNothingLeft, startRun, useCliRuns } from '../helpers/cli.js';
import { useProcessCleanup } from '../helpers/processes.js';
import { bufferOf, parseSummary } from './run-output.js';

useProcessCleanup();
useCliRuns();

const NOTICE =
  /^buffer 'passed' has no reader \(none is declared\) and the roots are done: its 8 waiting events and what its writers still write are counted as undeliverable, so the chain drains$/m;

describe('mimocorb2 run: a buffer no worker reads', () => {
  it('the source ends by itself while the filter waits for room in it: the run ends, exit 1', async () => {
    const run = startRun('unread-buffer.yaml', ['--ui', 'none', '--set', 'source.n_events=40']);
    const { stdout, stderr } = await expectExit(run, 1);
    expect(stderr).toMatch(NOTICE);
    const summary = parseSummary(stdout);
    expect(summary.workers.get('filter')).toBe('ok');
    expect(bufferOf(summary, 'raw').events).toBe(40);
    const passed = bufferOf(summary, 'passed');
    expect(passed.events).toBe(40);
    expect(passed.undeliverable).toBe(40);
    expectNothingLeft(run);
  });

  it('an endless source held back by it: --duration stops the roots and the run ends, exit 1', async () => {
    const run = startRun('unread-buffer.yaml', ['--ui', 'none', '--duration', '1']);
    const { stdout, stderr } = await expectExit(run, 1);
    expect(stderr).toMatch(NOTICE);
    const summary = parseSummary(stdout);
    const raw = bufferOf(summary, 'raw');
    const passed = bufferOf(summary, 'passed');
    // Everything the source wrote went through the filter into 'passed', and was counted there.
    expect(passed.events).toBe(raw.events);
    expect(passed.undeliverable).toBe(passed.events);
    expectNothingLeft(run);
  });
});
