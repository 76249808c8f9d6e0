import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RingBuffer, Reader } from '../../../src/buffer/index.js';
import { startWorkers } from '../../../src/control/supervision/start-workers.js';
import type { WorkerProcess } from '../../../src/control/supervision/worker-process.js';
import { useBufferDir } from '../../helpers/buffer-dir.js';
import { makeSpec, readLogLines, TEST_START_TIMEOUT_MS, useBuiltWorkerEntry } from './harness.js';

// Worker files in a temp dir with no package.json and no node_modules: 'mimocorb2' must resolve
// to the running package, in ESM (.ts, .js without "type", .mjs) and CommonJS (require).
const WORKER_FILES: Record<string, string> = {
  'source.ts': `
import { Importer, Writer, type BufferIO } from 'mimocorb2';
export function source(io: BufferIO): void {
  console.log('ts sink is the package Writer: ' + (io.sinks[0] instanceof Writer));
  const events = io.get<number>('events');
  new Importer(io).run(function* () {
    for (let i = 0; i < events; i++) yield { x: i };
  });
}
`,
  'source.js': `
import { Importer, Writer } from 'mimocorb2';
export function source(io) {
  console.log('js sink is the package Writer: ' + (io.sinks[0] instanceof Writer));
  const events = io.get('events');
  new Importer(io).run(function* () {
    for (let i = 0; i < events; i++) yield { x: 1000 + i };
  });
}
`,
  'source.mjs': `
import { Importer, Writer } from 'mimocorb2';
export function source(io) {
  console.log('mjs sink is the package Writer: ' + (io.sinks[0] instanceof Writer));
  const events = io.get('events');
  new Importer(io).run(function* () {
    for (let i = 0; i < events; i++) yield { x: 2000 + i };
  });
}
`,
  'source-cjs.js': `
const { Importer, Writer } = require('mimocorb2');
exports.source = function source(io) {
  console.log('cjs sink is the package Writer: ' + (io.sinks[0] instanceof Writer));
  const events = io.get('events');
  new Importer(io).run(function* () {
    for (let i = 0; i < events; i++) yield { x: 3000 + i };
  });
};
`,
};
const EVENTS_PER_WORKER = 5;

useBuiltWorkerEntry();
const runDir = useBufferDir();
let workerDir = '';
let started: WorkerProcess[] = [];

beforeEach(() => {
  workerDir = mkdtempSync(join(tmpdir(), 'mimocorb2-outside-'));
  for (const [name, text] of Object.entries(WORKER_FILES)) writeFileSync(join(workerDir, name), text);
});

afterEach(async () => {
  for (const worker of started) worker.kill();
  await Promise.all(started.map((worker) => worker.exited));
  started = [];
  rmSync(workerDir, { recursive: true, force: true });
});

describe("a worker file outside the project importing 'mimocorb2'", () => {
  it('gets the running package (one module instance) from .ts, .js, .mjs and CommonJS', async () => {
    const files = Object.keys(WORKER_FILES);
    const buffer = RingBuffer.create(runDir(), {
      name: 'raw',
      slotCount: 32,
      dataLength: 1,
      fields: { x: 'f8' },
      writers: files.length,
    });
    try {
      const reader = new Reader(buffer);
      const options = files.map((file, processIndex) => ({
        spec: makeSpec(runDir(), join(workerDir, file), {
          worker: 'source',
          processIndex,
          functionName: 'source',
          setupDir: workerDir,
          config: { events: EVENTS_PER_WORKER },
          sinks: [buffer.paths.file],
        }),
        startTimeoutMs: TEST_START_TIMEOUT_MS,
      }));
      started = await startWorkers(options, { onCreated: (worker) => started.push(worker) });
      const values: number[] = [];
      for (let slot = reader.next(); slot !== null; slot = reader.next())
        values.push(slot.data['x']?.[0] as number);
      reader.close();
      const exits = await Promise.all(started.map((worker) => worker.exited));
      expect(exits.map((exit) => [exit.code, exit.error?.message])).toEqual(files.map(() => [0, undefined]));
      const expected = [0, 1000, 2000, 3000].flatMap((base) => [0, 1, 2, 3, 4].map((i) => base + i));
      expect(values.sort((a, b) => a - b)).toEqual(expected);
      expect(readLogLines(runDir(), 'source').sort()).toEqual([
        '[0] ts sink is the package Writer: true',
        '[1] js sink is the package Writer: true',
        '[2] mjs sink is the package Writer: true',
        '[3] cjs sink is the package Writer: true',
      ]);
    } finally {
      buffer.remove();
    }
  });
});
