import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RingBuffer } from '../../../src/buffer/index.js';
import { startWorkers } from '../../../src/control/supervision/start-workers.js';
import { runQueueWaitMs } from '../../../src/control/supervision/run-queue.js';
import { WorkerStartError } from '../../../src/control/supervision/worker-errors.js';
import { WORKER_PREFIX_VARIABLE } from '../../../src/control/supervision/worker-prefix.js';
import type { WorkerProcess, WorkerProcessOptions } from '../../../src/control/supervision/worker-process.js';
import { useBufferDir } from '../../helpers/buffer-dir.js';
import { spawnTracked, useProcessCleanup } from '../../helpers/processes.js';
import {
  isProcessAlive,
  makeSpec,
  readLogLines,
  TEST_START_TIMEOUT_MS,
  useBuiltWorkerEntry,
  useWorkerProcesses,
  WORKER_FIXTURES,
} from './harness.js';

useBuiltWorkerEntry();
useProcessCleanup();
const runDir = useBufferDir();
const createWorker = useWorkerProcesses();

/** Starts one worker that must fail before ready; returns its start error and exit. */
async function expectStartFailure(options: WorkerProcessOptions) {
  const worker = createWorker(options);
  worker.start();
  const error: unknown = await worker.ready.then(
    () => new Error('expected the start to fail, but the worker got ready'),
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(WorkerStartError);
  const exit = await worker.exited;
  expect(isProcessAlive(worker.pid ?? -1), 'the failed process is gone').toBe(false);
  return { error: error as WorkerStartError, exit, worker };
}

describe('a worker that fails before it is ready', () => {
  it('names the worker, the function and the file when the file does not exist', async () => {
    const file = join(WORKER_FIXTURES, 'no-such-file.ts');
    const { error, exit, worker } = await expectStartFailure({
      spec: makeSpec(runDir(), file, { worker: 'ghost', processIndex: 1, functionName: 'analyse' }),
    });
    expect(error.message).toBe(
      `worker 'ghost' process 1 (pid ${worker.pid}) failed to start while loading its function: ` +
        `worker 'ghost': file '${file}' (for function 'analyse') does not exist`,
    );
    expect(error).toMatchObject({
      code: 'ERR_WORKER_START',
      worker: 'ghost',
      processIndex: 1,
      phase: 'load',
    });
    expect(error.cause).toMatchObject({ name: 'WorkerSetupError', code: 'ERR_WORKER_SETUP' });
    expect(exit).toMatchObject({ code: 1, signal: null, isDeliberate: false });
  });

  it('names the function, the file and what it exports when the export is missing', async () => {
    const file = join(WORKER_FIXTURES, 'missing-export.ts');
    const { error } = await expectStartFailure({ spec: makeSpec(runDir(), file, { worker: 'cut' }) });
    expect(error.message).toMatch(
      `worker 'cut' process 0 (pid ${error.pid}) failed to start while loading its function: ` +
        `worker 'cut': function 'main' not found in '${file}' (no export of that name); it exports: other`,
    );
    expect(readLogLines(runDir(), 'cut')[0]).toBe(
      "[0] worker 'cut' process 0 failed while loading its function: WorkerSetupError: worker 'cut': " +
        `function 'main' not found in '${file}' (no export of that name); it exports: other`,
    );
  });

  it("fails with the template's own error when its buffer check throws", async () => {
    const buffer = RingBuffer.create(runDir(), {
      name: 'raw',
      slotCount: 4,
      dataLength: 1,
      fields: { x: 'f8' },
    });
    try {
      const { error, exit } = await expectStartFailure({
        spec: makeSpec(runDir(), 'throws-at-start.mjs', { worker: 'source', sources: [buffer.paths.file] }),
      });
      expect(error.phase).toBe('start');
      expect(error.message).toMatch(
        /^worker 'source' process 0 \(pid \d+\) failed to start while setting up \(its config, buffers and template\): worker 'source'.*Importer.*source/,
      );
      expect(error.cause).toMatchObject({ name: 'WorkerSetupError' });
      expect(exit.code).toBe(1);
    } finally {
      buffer.remove();
    }
  });

  it('is killed after the start timeout when it never reports ready', async () => {
    const { error, exit } = await expectStartFailure({
      spec: makeSpec(runDir(), 'never-ready.ts', { worker: 'stuck', processIndex: 2 }),
      startTimeoutMs: 1_500,
    });
    expect(error.message).toBe(
      `worker 'stuck' process 2 (pid ${error.pid}) failed to start: it did not report ready within 1500 ms ` +
        '(a worker function must construct a template or call io.ready())',
    );
    expect(exit).toMatchObject({ signal: 'SIGKILL', isDeliberate: true });
  });
});

describe('a worker that starts slowly because it waits for a CPU', () => {
  it('is not failed by the start timeout: time in the run queue does not count', async () => {
    // Four processes spinning on CPU 0 leave the worker, pinned there too, about a fifth of it:
    // its 0.8 s of CPU to get ready takes about 4 s, well past the 2.5 s timeout. Each spinner has a
    // session of its own, as the worker has, so the kernel's autogroups share the CPU evenly.
    const pin = ['taskset', '-c', '0'];
    for (let i = 0; i < 4; i++) spawnTracked('setsid', [...pin, process.execPath, '-e', 'for (;;);']);
    const worker = createWorker({
      spec: makeSpec(runDir(), 'ready-after-cpu.ts', { config: { cpu_ms: 800 } }),
      env: { [WORKER_PREFIX_VARIABLE]: JSON.stringify(pin) },
      startTimeoutMs: 2_500,
    });
    const started = performance.now();
    worker.start();
    await worker.ready;
    const readyAfterMs = performance.now() - started;
    expect(
      readyAfterMs,
      'the worker got ready only after the timeout (else this test shows nothing)',
    ).toBeGreaterThan(2_500);
    expect(runQueueWaitMs(worker.pid ?? -1), 'the worker waited for a CPU').toBeGreaterThan(500);
  });
});

describe('startWorkers', () => {
  it('stops every process and rejects with the first failure when one fails to start', async () => {
    const created: WorkerProcess[] = [];
    const good = (processIndex: number) => ({
      spec: makeSpec(runDir(), 'waits-for-go.ts', { worker: 'good', processIndex }),
      startTimeoutMs: TEST_START_TIMEOUT_MS,
    });
    const bad = {
      spec: makeSpec(runDir(), 'missing-export.ts', { worker: 'bad' }),
      startTimeoutMs: TEST_START_TIMEOUT_MS,
    };
    const error: unknown = await startWorkers([good(0), bad, good(1)], {
      graceMs: 5_000,
      onCreated: (worker) => created.push(worker),
    }).then(
      () => new Error('expected startWorkers to fail'),
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(WorkerStartError);
    expect(error).toMatchObject({ worker: 'bad', processIndex: 0, phase: 'load' });
    expect(created).toHaveLength(3);
    for (const worker of created) {
      expect(worker.state, worker.toString()).toBe('exited');
      expect(isProcessAlive(worker.pid ?? -1), `${worker.toString()} is gone`).toBe(false);
    }
    // The good ones never got go: nothing ran.
    expect(readLogLines(runDir(), 'good')).toEqual([]);
  });
});
