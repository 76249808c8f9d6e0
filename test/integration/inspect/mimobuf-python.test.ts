import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  checkPattern,
  cleanUp,
  DATA_LENGTH,
  ROOT,
  run,
  runCli,
  SLOT_COUNT,
  startLiveBuffer,
  stopLiveBuffer,
  waitForEvents,
  type LiveBuffer,
} from './live-buffer.js';
import { PYTHON, PYTHON_TITLE } from '../../helpers/python.js';

const SCRIPT = join(ROOT, 'scripts/mimobuf.py');

// Copies every slot many times through the module's API while the writer rewrites them, checks
// each consistent copy against the writer's pattern in Python, and reports what it saw.
const PATTERN_CHECK = `
import json, sys
import numpy as np
sys.path.insert(0, sys.argv[1])
from mimobuf import BufferFile
with BufferFile(sys.argv[2]) as buf:
    n = buf.data_length
    consistent = torn = 0
    mismatches = []
    for k in range(int(sys.argv[3])):
        s = buf.slot(k % buf.slot_count)
        if not s.consistent:
            torn += 1
            continue
        consistent += 1
        c = s.counter
        i = np.arange(n)
        ok = (np.array_equal(s.data["wave"], ((c + i) % 4096).astype(np.float32))
              and np.array_equal(s.data["index"], c * 1000 + i)
              and np.array_equal(s.data["odd"], (c + i) % 2 == 1))
        if not ok and len(mismatches) < 3:
            mismatches.append({"counter": c, "wave": s.data["wave"][:4].tolist(), "index": s.data["index"][:4].tolist()})
    print(json.dumps({"consistent": consistent, "torn": torn, "mismatches": mismatches,
                      "slots_shape": list(buf.slots["wave"].shape), "states": buf.slot_states(),
                      "written": buf.counters()["written"]}))
`;

interface PythonReport {
  name: string;
  flags: Record<string, boolean | number>;
  counters: Record<string, number>;
  processes: { pid: number; role: string; status: string; alive: boolean }[];
  slot_states: Record<string, number>;
  last_committed: { index: number; consistent: boolean; metadata: { counter: number } } | null;
  slot?: {
    index: number;
    consistent: boolean;
    metadata: { counter: number; deadtime: number };
    data: Record<string, (number | boolean)[]>;
  };
}

async function python(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return run(PYTHON ?? 'python3', ['-B', ...args]);
}

async function mimobufJson(file: string, ...extra: string[]): Promise<PythonReport> {
  const result = await python(SCRIPT, file, '--json', ...extra);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as PythonReport;
}

let live: LiveBuffer | undefined;

afterEach(() => {
  const dir = live?.dir;
  expect(cleanUp(live), `${dir} is removed`).toBe(true);
  live = undefined;
});

describe.skipIf(PYTHON === undefined)(`scripts/mimobuf.py (with ${PYTHON_TITLE})`, () => {
  it('reads a live buffer: every consistent slot copy holds the pattern of its own counter', async () => {
    live = startLiveBuffer();
    await waitForEvents(live, 500);
    const result = await python('-c', PATTERN_CHECK, join(ROOT, 'scripts'), live.file, '2000');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as {
      consistent: number;
      torn: number;
      mismatches: unknown[];
      slots_shape: number[];
      states: Record<string, number>;
      written: number;
    };
    expect(report.mismatches).toEqual([]);
    expect(report.consistent).toBeGreaterThan(2000 * 0.99);
    expect(report.slots_shape).toEqual([SLOT_COUNT, DATA_LENGTH]);
    expect(Object.values(report.states).reduce((a, b) => a + b, 0)).toBe(SLOT_COUNT);
    expect(report.written).toBeGreaterThanOrEqual(500);
  });

  it('--json --slot n agrees with the writer: layout, processes, and the slot pattern', async () => {
    live = startLiveBuffer();
    await waitForEvents(live, 500);
    const report = await mimobufJson(live.file, '--slot', '5');
    expect(report.name).toBe('raw');
    expect(report.flags).toMatchObject({
      paused: false,
      stop_requested: false,
      ended: false,
      open_writers: 1,
    });
    expect(report.counters['written']).toBeGreaterThanOrEqual(500);
    expect(report.counters['read']).toBeLessThanOrEqual(report.counters['written'] as number);
    expect(report.processes.map((p) => [p.pid, p.role, p.status, p.alive]).sort()).toEqual(
      [
        [live.writer.pid, 'writer', 'active', true],
        [live.reader.pid, 'reader', 'active', true],
      ].sort(),
    );
    expect(report.last_committed?.consistent).toBe(true);
    const slot = report.slot;
    expect(slot).toMatchObject({ index: 5, consistent: true, metadata: { deadtime: 0.25 } });
    expect(checkPattern(slot?.metadata.counter ?? -1, slot?.data ?? {})).toBe('');
  });

  it('gives the same counters and slot data as mimocorb2 inspect once the buffer stands still', async () => {
    live = startLiveBuffer();
    await waitForEvents(live, 300);
    await stopLiveBuffer(live);
    const fromPython = await mimobufJson(live.file, '--slot', '3');
    const inspect = await runCli('inspect', live.file, '--json', '--slot', '3');
    expect(inspect.code).toBe(0);
    const fromNode = JSON.parse(inspect.stdout) as {
      counters: Record<string, number>;
      slot_states: Record<string, number>;
      slot: { metadata: { counter: number }; data: Record<string, unknown[]> };
    };
    expect(fromPython.counters).toEqual(fromNode.counters);
    expect(fromPython.slot_states).toEqual(fromNode.slot_states);
    expect(fromPython.flags).toMatchObject({ ended: true, stop_requested: true, open_writers: 0 });
    expect(fromPython.processes.map((p) => [p.status, p.alive])).toEqual([
      ['done', false],
      ['done', false],
    ]);
    expect(fromPython.slot?.metadata.counter).toBe(fromNode.slot.metadata.counter);
    expect(fromPython.slot?.data).toEqual(fromNode.slot.data);
  });

  it("imports as docs/inspect.md shows, with this checkout's path for the placeholder", async () => {
    const docs = readFileSync(join(ROOT, 'docs', 'inspect.md'), 'utf8');
    const block =
      /```python\n([\s\S]*?)```/.exec(docs.slice(docs.indexOf('## scripts/mimobuf.py')))?.[1] ?? '';
    const imports = block.split('\n').filter((line) => /^(import|from) /.test(line));
    expect(imports).toHaveLength(2);
    const code = imports.join('\n').replace('/home/you/mimocorb2', ROOT.replace(/\/$/, ''));
    const result = await python('-c', `${code}\nprint(BufferFile.__name__)`);
    expect(result).toEqual({ code: 0, stdout: 'BufferFile\n', stderr: '' });
  });

  const NUMPY_FLOAT = String.raw`\d+\.\d*(?:e[+-]\d+)?`;

  it('prints a summary as a script, and exits 2 with one line for a file it cannot read', async () => {
    live = startLiveBuffer();
    await waitForEvents(live, 100);
    const summary = await python(SCRIPT, live.file, '--slot', '1');
    expect(summary.stderr).toBe('');
    expect(summary.code).toBe(0);
    for (const pattern of [
      /^buffer 'raw' in /m,
      new RegExp(`^layout +${SLOT_COUNT} slots, data_length ${DATA_LENGTH}`, 'm'),
      new RegExp(`^field wave +<f4 x ${DATA_LENGTH}$`, 'm'),
      /^flags +paused no, stop requested no, ended no, forced end no$/m,
      /^counters +written \d+, read \d+, discarded 0/m,
      /^writers +1 open of 1 expected$/m,
      /^slots +free \d+, writing \d+, filled \d+, reading \d+$/m,
      /^last committed +slot \d+: counter \d+ at /m,
      /^slot 1 +\w+, seq \d+, consistent True$/m,
      // numpy prints 4095. or, when the values span decades, 1.000e+00
      new RegExp(
        `^wave +\\[ *${NUMPY_FLOAT} +${NUMPY_FLOAT} +${NUMPY_FLOAT} \\.\\.\\. +${NUMPY_FLOAT} +${NUMPY_FLOAT} +${NUMPY_FLOAT}\\]$`,
        'm',
      ),
    ]) {
      expect(summary.stdout).toMatch(pattern);
    }
    const missing = join(live.dir, 'nothing.mimobuf');
    expect(await python(SCRIPT, missing)).toEqual({
      code: 2,
      stdout: '',
      stderr: `mimobuf: cannot open buffer file ${missing}: No such file or directory\n`,
    });
  });

  it('exits 2 with one line for a directory and a named pipe nobody writes (no traceback, no hang)', async () => {
    live = startLiveBuffer();
    const directory = join(live.dir, 'a-directory');
    mkdirSync(directory);
    expect(await python(SCRIPT, directory)).toEqual({
      code: 2,
      stdout: '',
      stderr: `mimobuf: ${directory} is not a mimocorb2 buffer file: it is a directory, not a regular file\n`,
    });
    // Opening a FIFO for reading waits for a writer, unless it is opened non-blocking.
    const fifo = join(live.dir, 'orphan.filled');
    execFileSync('mkfifo', [fifo]);
    expect(await python(SCRIPT, fifo, '--json')).toEqual({
      code: 2,
      stdout: '',
      stderr: `mimobuf: ${fifo} is not a mimocorb2 buffer file: it is a named pipe, not a regular file\n`,
    });
  });
});
