import { describe, expect, it } from 'vitest';
import { RingBuffer } from '../../../src/buffer/index.js';
import { useBufferDir } from '../../helpers/buffer-dir.js';
import { waitFor } from '../../helpers/processes.js';
import { makeSpec, readLogLines, useBuiltWorkerEntry, useWorkerProcesses, wchan } from './harness.js';

useBuiltWorkerEntry();
const runDir = useBufferDir();
const createWorker = useWorkerProcesses();

describe("a worker's output", () => {
  it('lands in logs/<worker>.log as whole lines, each with its process index', async () => {
    const workers = [0, 1].map((processIndex) =>
      createWorker({ spec: makeSpec(runDir(), 'prints-lines.ts', { worker: 'talker', processIndex }) }),
    );
    for (const worker of workers) worker.start();
    const exits = await Promise.all(workers.map((worker) => worker.exited));
    expect(exits.map((exit) => exit.code)).toEqual([0, 0]);
    const lines = readLogLines(runDir(), 'talker');
    for (const index of [0, 1]) {
      expect(lines.filter((line) => line.startsWith(`[${index}] `))).toEqual(
        ['first line', 'second line', `error line of process ${index}`, 'bytes line', 'unterminated'].map(
          (text) => `[${index}] ${text}`,
        ),
      );
    }
    expect(lines).toHaveLength(10);
  });

  it('a line per event in a synchronous loop keeps no memory: a million lines in a 32 MiB heap', async () => {
    const lines = 1_000_000;
    const worker = createWorker({
      spec: makeSpec(runDir(), 'logs-every-event.ts', {
        worker: 'chatty',
        config: { lines },
        nodeFlags: ['--max-old-space-size=32'],
      }),
    });
    worker.start();
    const exit = await worker.exited;
    const log = readLogLines(runDir(), 'chatty');
    expect(exit.signal, log.slice(-5).join('\n')).toBeNull();
    expect(exit.code).toBe(0);
    expect(log).toHaveLength(lines + 2);
    expect(log.slice(-3)).toEqual([`[0] ${lines - 1}`, '[0] last line', '[0] callback called']);
  }, 60_000);

  it('is in the file while the worker, printing in a tight loop, is blocked on a full sink', async () => {
    const lineCount = 20_000;
    const slotCount = 4;
    const sink = RingBuffer.create(runDir(), { name: 'full', slotCount, dataLength: 1, fields: { x: 'f8' } });
    try {
      const worker = createWorker({
        spec: makeSpec(runDir(), 'prints-while-blocked.ts', {
          worker: 'printer',
          config: { lines: lineCount },
          sinks: [sink.paths.file],
        }),
      });
      worker.start();
      await worker.ready;
      worker.go();
      const pid = worker.pid ?? -1;
      const lastLine = `[0] acquiring event ${slotCount}`;
      await waitFor(
        () => /pipe/.test(wchan(pid)) && readLogLines(runDir(), 'printer').at(-1) === lastLine,
        'the printer to block on its full sink with every line in its log',
        15_000,
        () => ({ wchan: wchan(pid), lastLines: readLogLines(runDir(), 'printer').slice(-2) }),
      );
      const lines = readLogLines(runDir(), 'printer');
      expect(lines).toHaveLength(lineCount + slotCount + 1);
      expect(lines[0]).toMatch(/^\[0\] line 0 x+$/);
      expect(lines[lineCount - 1]).toMatch(new RegExp(`^\\[0\\] line ${lineCount - 1} x+$`));
      expect(worker.state).toBe('running');
    } finally {
      sink.remove();
    }
  });
});
