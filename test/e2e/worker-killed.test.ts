// A worker process SIGKILLed mid-run: control reclaims what it held, the chain goes on and ends
// by itself, the exit code says a worker failed, and no committed event is lost.
//
// What is promised: every event committed to the source buffer reaches the end of the chain at
// least once. The events the killed process held are handed to its sibling again (counted as
// redelivered); an event it had already passed on but not yet released could arrive twice, so
// duplicates are bounded by the redelivered count.
import { writeFileSync } from 'node:fs';
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
import { RUNTIME_PYTHON } from '../helpers/implementations.js';
import { useProcessCleanup, waitFor } from '../helpers/processes.js';
import {
  bufferOf,
  compareCounters,
  EXACTLY_ONCE,
  parseSummary,
  readControlLog,
  readReceived,
} from './run-output.js';

useProcessCleanup();
useCliRuns();

// The same with the filter in Python (test/fixtures/e2e/workers.py): the interpreter is exec'd
// directly, so the pid control watches and reclaims is the worker's own.
const SETUPS: readonly (readonly [language: string, setup: string])[] = [
  ['TypeScript', 'hanging-filter.yaml'],
  ...(RUNTIME_PYTHON === undefined ? [] : [['Python', 'python-hanging-filter.yaml'] as const]),
];

describe('mimocorb2 run: a worker killed mid-run', () => {
  it.each(SETUPS)(
    'SIGKILL of one of two %s filter processes: the run ends by itself, exit 1, no event lost',
    async (_language, setup) => {
      const run = startRun(setup);
      const runDir = await waitForRunDir(run);
      // Filter process 0 stops inside its filter function at its 100th event, holding that event;
      // the source waits after 3000 events, so the kill comes in the middle of the stream.
      const match = await waitForLog(run, runDir, 'filter', /^\[0\] hanging pid (\d+) on counter (\d+)$/m);
      const waiting = await waitForLog(run, runDir, 'source', /^\[0\] waiting for (.+)$/m);
      const pid = Number(match[1]);
      expect(isProcessOfRun(run, pid, 'filter[0]'), `pid ${pid} is the run's filter[0]`).toBe(true);
      process.kill(pid, 'SIGKILL');
      await waitFor(() => !isProcessOfRun(run, pid, 'filter[0]'), `filter[0] (pid ${pid}) to be gone`);
      writeFileSync(waiting[1] as string, '');

      const { stdout, stderr } = await expectExit(run, 1);
      expect(stderr).toContain(`worker 'filter' process 0 (pid ${pid}) was killed by SIGKILL`);
      expect(readControlLog(runDir)).toContain(
        `worker 'filter' process 0 (pid ${pid}) was killed by SIGKILL`,
      );
      const summary = parseSummary(stdout);
      expect(summary.exitCode).toBe(1);
      expect(summary.workers.get('filter')).toBe('[0] killed by SIGKILL; [1] ok');
      expect(summary.workers.get('source')).toBe('ok');
      expect(summary.workers.get('sink')).toBe('ok');

      const raw = bufferOf(summary, 'raw');
      expect(raw.events).toBe(10_000);
      // At least the event it was filtering went back to the buffer.
      expect(raw.redelivered).toBeGreaterThanOrEqual(1);
      const received = readReceived(runDir, 'sink');
      const difference = compareCounters(received.counters, 10_000);
      expect({ ...difference, duplicates: 0 }, 'every committed event arrived').toEqual(EXACTLY_ONCE);
      expect(difference.duplicates, 'duplicates').toBeLessThanOrEqual(raw.redelivered);
      expect(received.values).toEqual(received.counters);
      expect(bufferOf(summary, 'passed').events).toBe(received.counters.length);
      expectNothingLeft(run);
    },
  );
});
