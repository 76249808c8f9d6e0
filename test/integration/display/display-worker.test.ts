import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DisplayReader } from '../../../src/display/index.js';
import { useBufferDir } from '../../helpers/buffer-dir.js';
import { useProcessCleanup } from '../../helpers/processes.js';
import { makeSpec, readLogLines, useBuiltWorkerEntry, useWorkerProcesses } from '../workers/harness.js';

useBuiltWorkerEntry();
useProcessCleanup();
const runDir = useBufferDir();
const createWorker = useWorkerProcesses();

describe('a worker process publishing a display', () => {
  it('writes at its rate while it runs and its last frame when it ends, which control reads whole', async () => {
    const displayDir = join(runDir(), 'displays');
    mkdirSync(displayDir);
    const events = 20_000;
    const worker = createWorker({
      spec: makeSpec(runDir(), 'publishes-display.ts', { config: { events }, displayDir }),
    });
    worker.start();
    await worker.ready;
    worker.go();
    expect(await worker.exited).toMatchObject({ code: 0, signal: null });
    const frames = new DisplayReader(displayDir).read();
    expect(frames).toHaveLength(1);
    const [frame] = frames;
    expect(frame).toMatchObject({ worker: 'publishes-display', processIndex: 0, name: 'pulse heights' });
    expect(frame?.content).toEqual({
      kind: 'histogram',
      title: 'heights',
      edges: [0, 1, 2, 3, 4],
      series: [{ name: 'all', counts: [5000, 5000, 5000, 5000] }],
    });
    const log = readLogLines(runDir(), 'publishes-display');
    const written = Number(/written (\d+)/.exec(log.join('\n'))?.[1]);
    // At 2 frames a second the loop writes its first frame and maybe one more; the end writes the last.
    expect(frame?.sequence).toBe(written + 1);
    expect(written).toBeLessThan(10);
  });
});
