import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RingBuffer, Reader } from '../../../src/buffer/index.js';
import { hasPdeathsig } from '../../../src/control/supervision/parent-watch.js';
import { useBufferDir } from '../../helpers/buffer-dir.js';
import { spawnTracked, useProcessCleanup, waitFor, waitForLine } from '../../helpers/processes.js';
import {
  isProcessAlive,
  makeSpec,
  readLogLines,
  useBuiltWorkerEntry,
  useWorkerProcesses,
  waitUntilGone,
  wchan,
  WORKER_FIXTURES,
} from './harness.js';

useBuiltWorkerEntry();
useProcessCleanup();
const runDir = useBufferDir();
const createWorker = useWorkerProcesses();

/** A test's source buffer that no one writes to: its readers block in a FIFO read. */
function makeEmptySource(dir: string): RingBuffer {
  return RingBuffer.create(dir, { name: 'in', slotCount: 4, dataLength: 1, fields: { x: 'f8' } });
}

async function waitUntilBlockedInPipeRead(pid: number): Promise<void> {
  await waitFor(
    () => /pipe/.test(wchan(pid)),
    `pid ${pid} to block in a pipe read`,
    15_000,
    () => wchan(pid),
  );
}

describe('stopping a worker process', () => {
  it('SIGTERM ends it at once while it is blocked in a pipe read', async () => {
    const source = makeEmptySource(runDir());
    try {
      const worker = createWorker({
        spec: makeSpec(runDir(), 'reads-source.ts', { sources: [source.paths.file] }),
      });
      worker.start();
      await worker.ready;
      worker.go();
      await waitUntilBlockedInPipeRead(worker.pid ?? -1);
      const exit = await worker.terminate({ graceMs: 20_000 });
      expect(exit).toMatchObject({ code: null, signal: 'SIGTERM', forced: false, isDeliberate: true });
    } finally {
      source.remove();
    }
  });

  it('SIGKILL follows after the grace period when SIGTERM is ignored, and is recorded as forced', async () => {
    const worker = createWorker({ spec: makeSpec(runDir(), 'ignores-sigterm.ts') });
    worker.start();
    await worker.ready;
    const exit = await worker.terminate({ graceMs: 300 });
    expect(exit).toMatchObject({ code: null, signal: 'SIGKILL', forced: true, isDeliberate: true });
  });
});

describe('a worker process whose control dies', () => {
  const orphans: number[] = [];
  afterEach(() => {
    for (const pid of orphans.splice(0)) if (isProcessAlive(pid)) process.kill(pid, 'SIGKILL');
  });

  it.each([
    ['pdeathsig', 'setpriv --pdeathsig KILL'],
    ['watchdog', 'its watchdog thread'],
  ])('dies when its parent is SIGKILLed (%s: %s)', async (mode) => {
    if (mode === 'pdeathsig' && !hasPdeathsig()) return;
    const control = spawnTracked(process.execPath, [
      join(WORKER_FIXTURES, 'spawns-worker.mjs'),
      runDir(),
      mode,
    ]);
    const match = await waitForLine(control, /^worker (\d+)$/, 20_000);
    const pid = Number(match[1]);
    orphans.push(pid);
    // Blocked for good: no EOF will come, the FIFO is open read-write in the worker itself.
    await waitUntilBlockedInPipeRead(pid);
    control.process.kill('SIGKILL');
    await control.exited;
    await waitUntilGone(pid, `the ${mode} worker of a SIGKILLed control`);
  });
});

describe('the end of a worker function', () => {
  it('a throw after ready is logged with worker name and stack, reported, and exits 1', async () => {
    const worker = createWorker({
      spec: makeSpec(runDir(), 'throws-while-running.ts', { worker: 'fragile' }),
    });
    const events: unknown[] = [];
    worker.on('exit', (event) => events.push(event));
    worker.start();
    await worker.ready;
    worker.go();
    const exit = await worker.exited;
    expect(exit).toMatchObject({ code: 1, signal: null, isDeliberate: false });
    expect(exit.error).toMatchObject({ name: 'Error', message: 'boom while running' });
    expect(events).toEqual([expect.objectContaining({ worker: 'fragile', pid: worker.pid, code: 1 })]);
    const lines = readLogLines(runDir(), 'fragile');
    expect(lines[0]).toBe("[0] worker 'fragile' process 0 failed while running: Error: boom while running");
    expect(lines[1]).toMatch(/^\[0\] {5}at main \(.*throws-while-running\.ts/);
  });

  it('an error thrown outside the function (in a timer) is logged, reported, and exits 1', async () => {
    const worker = createWorker({ spec: makeSpec(runDir(), 'throws-later.ts', { worker: 'later' }) });
    worker.start();
    await worker.ready;
    const exit = await worker.exited;
    expect(exit).toMatchObject({ code: 1, error: { name: 'RangeError', message: 'boom in a timer' } });
    expect(readLogLines(runDir(), 'later')[0]).toBe(
      "[0] worker 'later' process 0 failed while running: RangeError: boom in a timer",
    );
  });

  /** Runs a fixture that writes `events` values of x into a sink; returns what a reader got and the exit. */
  async function valuesWrittenBy(fixture: string, events: number, slotCount: number) {
    const sink = RingBuffer.create(runDir(), { name: 'out', slotCount, dataLength: 1, fields: { x: 'f8' } });
    try {
      const reader = new Reader(sink);
      const worker = createWorker({
        spec: makeSpec(runDir(), fixture, { config: { events }, sinks: [sink.paths.file] }),
      });
      worker.start();
      await worker.ready;
      worker.go();
      const values: number[] = [];
      for (let slot = reader.next(); slot !== null; slot = reader.next())
        values.push(slot.data['x']?.[0] as number);
      reader.close();
      return { values, exit: await worker.exited };
    } finally {
      sink.remove();
    }
  }

  it('a return closes the sinks the function left open (end of stream reaches the reader)', async () => {
    const { values, exit } = await valuesWrittenBy('writes-then-returns.ts', 3, 8);
    expect(values).toEqual([0, 1, 2]);
    expect(exit).toMatchObject({ code: 0, signal: null });
  });

  it('an async Importer the function did not await runs to its end before the sink closes', async () => {
    const { values, exit } = await valuesWrittenBy('async-import-not-awaited.ts', 50, 4);
    expect(values).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(exit).toMatchObject({ code: 0, signal: null });
  });

  it('a handle left open keeps the process for exitDrainMs at most', async () => {
    const worker = createWorker({
      spec: makeSpec(runDir(), 'leaves-a-timer.ts', { worker: 'timer' }),
      exitDrainMs: 200,
    });
    worker.start();
    expect(await worker.exited).toMatchObject({ code: 0, signal: null, isDeliberate: false });
    expect(readLogLines(runDir(), 'timer')).toEqual([
      '[0] still busy 200 ms after the worker function returned; exiting',
    ]);
  });
});
