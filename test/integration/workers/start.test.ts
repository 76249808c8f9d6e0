import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHILD_TO_CONTROL_FD, CONTROL_TO_CHILD_FD } from '../../../src/control/messages.js';
import { waitFor } from '../../helpers/processes.js';
import { useBufferDir } from '../../helpers/buffer-dir.js';
import {
  fdFlags,
  makeSpec,
  readLogLines,
  useBuiltWorkerEntry,
  useWorkerProcesses,
  wchan,
} from './harness.js';

const O_NONBLOCK = 0o4000;

useBuiltWorkerEntry();
const runDir = useBufferDir();
const createWorker = useWorkerProcesses();

describe('a worker process', () => {
  it.each(['waits-for-go.ts', 'waits-for-go.js'])('loads %s, reports ready, and runs on go', async (file) => {
    const worker = createWorker({ spec: makeSpec(runDir(), file, { worker: 'w' }) });
    worker.start();
    await worker.ready;
    expect(worker.state).toBe('ready');
    expect(readLogLines(runDir(), 'w'), 'nothing runs before go').toEqual([]);
    worker.go();
    const exit = await worker.exited;
    expect(exit).toMatchObject({
      code: 0,
      signal: null,
      forced: false,
      isDeliberate: false,
      error: undefined,
    });
    expect(readLogLines(runDir(), 'w')).toEqual([file.endsWith('.js') ? '[0] got go (js)' : '[0] got go']);
  });

  it('reads the channel from control on blocking fds (no event loop needed in the child)', async () => {
    const worker = createWorker({ spec: makeSpec(runDir(), 'waits-for-go.ts') });
    worker.start();
    await worker.ready;
    const pid = worker.pid ?? -1;
    // Blocked in io.waitForGo(): a read on the channel's socket, not a busy loop.
    await waitFor(
      () => /read|recv|wait/.test(wchan(pid)),
      'the child to sleep in its read of go',
      10_000,
      () => wchan(pid),
    );
    expect(fdFlags(pid, CHILD_TO_CONTROL_FD) & O_NONBLOCK, 'fd 3 flags').toBe(0);
    expect(fdFlags(pid, CONTROL_TO_CHILD_FD) & O_NONBLOCK, 'fd 4 flags').toBe(0);
    worker.go();
    expect(await worker.exited).toMatchObject({ code: 0, signal: null });
  });

  it("starts node with the spec's own flags (a prebuilt function's) before the entry", async () => {
    const worker = createWorker({
      spec: makeSpec(runDir(), 'waits-for-go.ts', { nodeFlags: ['--initial-old-space-size=64'] }),
    });
    worker.start();
    await worker.ready;
    const args = readFileSync(`/proc/${worker.pid ?? -1}/cmdline`, 'utf8').split('\0');
    const flag = args.indexOf('--initial-old-space-size=64');
    expect(flag, args.join(' ')).toBeGreaterThan(0);
    expect(flag).toBeLessThan(args.findIndex((arg) => arg.endsWith('worker-entry.js')));
    worker.go();
    expect(await worker.exited).toMatchObject({ code: 0, signal: null });
  });

  it('emits exit (with worker name and pid) when it ends on its own, not after terminate()', async () => {
    const ended = createWorker({ spec: makeSpec(runDir(), 'waits-for-go.ts', { worker: 'ends' }) });
    const stopped = createWorker({ spec: makeSpec(runDir(), 'waits-for-go.ts', { worker: 'stopped' }) });
    const events: unknown[] = [];
    for (const worker of [ended, stopped]) worker.on('exit', (event) => events.push(event));
    ended.start();
    stopped.start();
    await Promise.all([ended.ready, stopped.ready]);
    ended.go();
    await ended.exited;
    expect(await stopped.terminate({ graceMs: 5_000 })).toMatchObject({
      signal: 'SIGTERM',
      isDeliberate: true,
    });
    expect(events).toEqual([
      {
        worker: 'ends',
        processIndex: 0,
        pid: ended.pid,
        code: 0,
        signal: null,
        forced: false,
        isDeliberate: false,
        error: undefined,
      },
    ]);
  });

  it('receives a large config whole (the start line is read in pieces)', async () => {
    const blob = 'y'.repeat(1_000_000);
    const worker = createWorker({ spec: makeSpec(runDir(), 'prints-config.ts', { config: { blob, n: 1 } }) });
    worker.start();
    expect(await worker.exited).toMatchObject({ code: 0 });
    expect(readLogLines(runDir(), 'prints-config')).toEqual(['[0] keys blob,n; blob 1000000 chars']);
  });

  it('rejects ready instead of throwing when it cannot be spawned', async () => {
    // A log dir inside a regular file cannot be made (ENOTDIR).
    writeFileSync(join(runDir(), 'a-file'), '');
    const worker = createWorker({
      spec: makeSpec(runDir(), 'waits-for-go.ts'),
      logDir: join(runDir(), 'a-file', 'logs'),
    });
    worker.start();
    await expect(worker.ready).rejects.toThrow(
      /^worker 'waits-for-go' process 0 failed to start: it could not be spawned: ENOTDIR/,
    );
    expect(await worker.exited).toMatchObject({ code: null, signal: null });
    expect(worker.pid).toBeUndefined();
  });
});
