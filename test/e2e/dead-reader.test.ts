// A buffer whose every reader is gone never stalls the run: control says so, stops the roots,
// counts what can no longer be delivered, and the run ends by itself with exit 1.
import { describe, expect, it } from 'vitest';
import {
  expectExit,
  expectNothingLeft,
  isProcessOfRun,
  startRun,
  useCliRuns,
  waitForLog,
  waitForRunDir,
} from '../helpers/cli.js';
import { useProcessCleanup } from '../helpers/processes.js';
import { bufferOf, parseSummary, readStatsCsv } from './run-output.js';

useProcessCleanup();
useCliRuns();

describe('mimocorb2 run: the only reader of a buffer killed', () => {
  it('SIGKILL of the only exporter: control says so, the run ends within seconds, exit 1', async () => {
    const run = startRun('dead-reader.yaml');
    const runDir = await waitForRunDir(run);
    const match = await waitForLog(run, runDir, 'sink', /^\[0\] hanging pid (\d+)$/m);
    const pid = Number(match[1]);
    expect(isProcessOfRun(run, pid, 'sink[0]'), `pid ${pid} is the run's sink[0]`).toBe(true);
    const killedAt = performance.now();
    process.kill(pid, 'SIGKILL');

    const { stdout, stderr } = await expectExit(run, 1, 10_000);
    expect(performance.now() - killedAt, 'ms from the kill to the end of the run').toBeLessThan(5_000);
    expect(stderr).toContain(`worker 'sink' process 0 (pid ${pid}) was killed by SIGKILL`);
    expect(stderr).toMatch(
      /^buffer 'raw' has no reader left \('sink' ended\) while \d+ events wait in it and its writers still write: stopping the roots; its events are counted as undeliverable$/m,
    );
    const summary = parseSummary(stdout);
    expect(summary.workers.get('source')).toBe('ok');
    const raw = bufferOf(summary, 'raw');
    // It took 500 events and died holding the 500th: that one went back and could not be delivered.
    expect(raw.redelivered).toBe(1);
    expect(raw.undeliverable).toBe(raw.events - 499);
    const last = readStatsCsv(runDir).rows.at(-1) as Map<string, string>;
    expect(last.get('buffer.raw.undeliverable')).toBe(String(raw.undeliverable));
    expect(last.get('buffer.raw.free')).toBe('1');
    expectNothingLeft(run);
  });
});
