import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { discardWaitingEvents, RingBuffer, Writer } from '../../../src/buffer/index.js';
import { copySlot, openBufferFileReadOnly } from '../../../src/buffer/snapshot.js';
import {
  checkPattern,
  cleanUp,
  DATA_LENGTH,
  runCli,
  SLOT_COUNT,
  startLiveBuffer,
  stopLiveBuffer,
  waitForEvents,
  type LiveBuffer,
} from './live-buffer.js';

interface SlotJson {
  index: number;
  state: string;
  seq: number;
  consistent: boolean;
  metadata: { counter: number; timestamp: number; deadtime: number; timestamp_iso: string };
  data: Record<string, (number | string | boolean)[]>;
}

interface InspectJson {
  name: string;
  layout: {
    slot_count: number;
    data_length: number;
    slot_size: number;
    file_size: number;
    fields: unknown[];
  };
  flags: Record<string, boolean | number>;
  counters: Record<string, number>;
  writers: { open: number; expected: number };
  processes: { pid: number; role: string; status: string; alive: boolean; events: number }[];
  slot_states: Record<string, number>;
  slot_map: string;
  last_committed: (SlotJson['metadata'] & { slot: number; consistent: boolean }) | null;
  ended_at: number | null;
  slot?: SlotJson;
}

async function inspectJson(file: string, ...extra: string[]): Promise<InspectJson> {
  const result = await runCli('inspect', file, '--json', ...extra);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as InspectJson;
}

let live: LiveBuffer | undefined;

afterEach(() => {
  const dir = live?.dir;
  expect(cleanUp(live), `${dir} is removed`).toBe(true);
  live = undefined;
});

describe('mimocorb2 inspect on a buffer in use', () => {
  it('--json reports layout, flags, counters, processes and slots while events flow', async () => {
    live = startLiveBuffer();
    await waitForEvents(live, 1000);
    const report = await inspectJson(live.file);

    expect(report.name).toBe('raw');
    expect(report.layout).toMatchObject({ slot_count: SLOT_COUNT, data_length: DATA_LENGTH });
    expect(report.layout.file_size).toBe(statSync(live.file).size);
    expect(report.layout.fields).toEqual([
      { name: 'wave', dtype: '<f4', offset: 24, bytes: 4 * DATA_LENGTH },
      { name: 'index', dtype: '<i8', offset: 24 + 4 * DATA_LENGTH, bytes: 8 * DATA_LENGTH },
      { name: 'odd', dtype: '|b1', offset: 24 + 12 * DATA_LENGTH, bytes: DATA_LENGTH },
    ]);
    expect(report.flags).toEqual({
      paused: false,
      stop_requested: false,
      ended: false,
      forced_end: false,
      reclaiming: 0,
    });
    const { counters } = report;
    expect(Object.keys(counters).sort()).toEqual([
      'discarded',
      'dropped',
      'event_counter',
      'overwritten',
      'read',
      'redelivered',
      'stale_tokens',
      'undeliverable',
      'waited_seconds',
      'written',
    ]);
    expect(counters['written']).toBeGreaterThanOrEqual(1000);
    expect(counters['read']).toBeLessThanOrEqual(counters['written'] as number);
    expect(counters['event_counter']).toBeGreaterThanOrEqual(counters['written'] as number);
    expect([
      counters['discarded'],
      counters['overwritten'],
      counters['redelivered'],
      counters['dropped'],
      counters['undeliverable'],
    ]).toEqual([0, 0, 0, 0, 0]);
    expect(report.writers).toEqual({ open: 1, expected: 1 });
    expect(report.processes.map((p) => [p.pid, p.role, p.status, p.alive]).sort()).toEqual(
      [
        [live.writer.pid, 'writer', 'active', true],
        [live.reader.pid, 'reader', 'active', true],
      ].sort(),
    );
    const states = report.slot_states;
    expect(Object.values(states).reduce((a, b) => a + b, 0)).toBe(SLOT_COUNT);
    expect(report.slot_map).toMatch(new RegExp(`^[.wFr]{${SLOT_COUNT}}$`));
    expect(report.last_committed).not.toBeNull();
    expect(report.last_committed?.slot).toBeGreaterThanOrEqual(0);
    expect(report.last_committed?.slot).toBeLessThan(SLOT_COUNT);
    expect(report.last_committed?.consistent).toBe(true);
    expect(report.ended_at).toBeNull();
  });

  it('--slot n gives the data the writer wrote for that slot counter, never torn', async () => {
    live = startLiveBuffer();
    const before = Date.now() / 1000;
    await waitForEvents(live, 500);
    for (const slot of [0, 7, SLOT_COUNT - 1]) {
      const { slot: copy } = await inspectJson(live.file, '--slot', String(slot));
      expect(copy).toBeDefined();
      if (!copy) return;
      expect(copy.index).toBe(slot);
      expect(copy.consistent).toBe(true);
      expect(copy.seq % 2).toBe(0);
      expect(copy.metadata.deadtime).toBe(0.25);
      expect(copy.metadata.timestamp).toBeGreaterThanOrEqual(Math.floor(before));
      expect(copy.metadata.timestamp).toBeLessThanOrEqual(Date.now() / 1000 + 1);
      expect(copy.metadata.timestamp_iso).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
      expect(checkPattern(copy.metadata.counter, copy.data)).toBe('');
    }
  });

  it('copies slots under their seqlock: thousands of copies while the writer rewrites them, none torn', async () => {
    live = startLiveBuffer();
    await waitForEvents(live, 500);
    const file = openBufferFileReadOnly(live.file);
    let consistent = 0;
    const copies = 3000;
    for (let k = 0; k < copies; k++) {
      const copy = copySlot(file, k % SLOT_COUNT);
      if (!copy.isConsistent) continue;
      consistent++;
      expect(checkPattern(copy.metadata.counter, copy.data)).toBe('');
    }
    // A copy is inconsistent only if all of its 20 attempts overlapped a write.
    expect(consistent).toBeGreaterThan(copies * 0.99);
    const written = live.buffer.stats().written;
    expect(written, 'the writer kept writing while we copied').toBeGreaterThan(500);
  });

  it('prints the key lines for a person, with long arrays abbreviated like numpy', async () => {
    live = startLiveBuffer();
    await waitForEvents(live, 100);
    const result = await runCli('inspect', live.file, '--slot', '2');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    const expectLine = (pattern: RegExp): string => {
      const found = lines.find((line) => pattern.test(line));
      expect(found, `a line matching ${pattern} in:\n${result.stdout}`).toBeDefined();
      return found ?? '';
    };
    expectLine(new RegExp(`^buffer 'raw' in ${live.file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
    expectLine(
      new RegExp(
        `^layout +${SLOT_COUNT} slots, data_length ${DATA_LENGTH}, slot [\\d.]+ (B|KiB), file [\\d.]+ (KiB|MiB)`,
      ),
    );
    expectLine(new RegExp(`^field wave +<f4 × ${DATA_LENGTH} at byte 24 of the slot`));
    expectLine(/^field index +<i8 × /);
    expectLine(/^flags +paused no, stop requested no, ended no, forced end no$/);
    expectLine(
      /^counters +written \d+, read \d+, discarded 0, overwritten 0, redelivered 0, dropped 0, undeliverable 0, waited [\d.e-]+ s, stale tokens \d+$/,
    );
    expectLine(/^event counter +\d+$/);
    expectLine(/^writers +1 open of 1 expected$/);
    expectLine(
      new RegExp(`^process \\d +pid ${live.writer.pid} writer active, alive: events \\d+, discarded 0`),
    );
    expectLine(new RegExp(`^process \\d +pid ${live.reader.pid} reader active, alive: events \\d+`));
    expectLine(/^slots +free \d+, writing \d+, filled \d+, reading \d+$/);
    expectLine(new RegExp(`^slot map +0 +[.wFr]{${SLOT_COUNT}}$`));
    expectLine(/^last committed +slot \d+: counter \d+ at \d{4}-/);
    expectLine(/^slot 2 +\w+, generation \d+, owner .+, seq \d+$/);
    const metadata = expectLine(/^metadata +counter \d+, timestamp [\d.]+ \(\d{4}-.+Z\), deadtime 0.25$/);
    const counter = Number(/counter (\d+)/.exec(metadata)?.[1]);
    const wave = (k: number) => `${(counter + k) % 4096}.`;
    expect(expectLine(/^wave /)).toMatch(
      new RegExp(
        `^wave +\\[${wave(0)} ${wave(1)} ${wave(2)} \\.\\.\\. ${wave(DATA_LENGTH - 3)} ${wave(DATA_LENGTH - 2)} ${wave(DATA_LENGTH - 1)}\\]$`,
      ),
    );
    expectLine(
      new RegExp(`^index +\\[${counter * 1000} ${counter * 1000 + 1} ${counter * 1000 + 2} \\.\\.\\. `),
    );
    expectLine(
      /^odd +\[(True|False) (True|False) (True|False) \.\.\. (True|False) (True|False) (True|False)\]$/,
    );
  });

  it('shows a stopped buffer as ended, its processes done and gone, every event read', async () => {
    live = startLiveBuffer();
    await waitForEvents(live, 100);
    await stopLiveBuffer(live);
    const report = await inspectJson(live.file);
    expect(report.flags).toMatchObject({ stop_requested: true, ended: true, forced_end: false });
    expect(report.ended_at).toBeGreaterThan(0);
    expect(report.writers).toEqual({ open: 0, expected: 1 });
    expect(report.processes.map((p) => [p.status, p.alive])).toEqual([
      ['done', false],
      ['done', false],
    ]);
    expect(report.counters['read']).toBe(report.counters['written']);
    expect(report.counters['event_counter']).toBe(report.counters['written']);
    expect(report.slot_states).toEqual({ free: SLOT_COUNT, writing: 0, filled: 0, reading: 0 });
  });
});

describe('mimocorb2 inspect counts what control could not deliver', () => {
  it('shows the undeliverable events of a buffer whose readers are gone, as the run summary does', async () => {
    const dir = mkdtempSync(join('/dev/shm', 'mimocorb2-inspect-test-'));
    try {
      const buffer = RingBuffer.create(dir, {
        name: 'orphan',
        slotCount: 8,
        dataLength: 1,
        fields: { x: 'f8' },
      });
      const writer = new Writer(buffer);
      for (let k = 0; k < 5; k++) {
        writer.acquire();
        writer.commit();
      }
      writer.close();
      expect(discardWaitingEvents(buffer)).toBe(5);
      const report = await inspectJson(buffer.paths.file);
      expect(report.counters).toMatchObject({ written: 5, read: 0, undeliverable: 5 });
      const text = await runCli('inspect', buffer.paths.file);
      expect(text.stdout).toMatch(/^counters +written 5, read 0, .*, dropped 0, undeliverable 5, waited/m);
      buffer.remove();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('mimocorb2 inspect refuses what it cannot read', () => {
  it('exits 2 with one line for a missing file, a foreign file and a bad --slot', async () => {
    live = startLiveBuffer();
    const missing = await runCli('inspect', join(live.dir, 'nothing.mimobuf'));
    expect(missing).toEqual({
      code: 2,
      stdout: '',
      stderr: `mimocorb2 inspect: cannot open buffer file ${join(live.dir, 'nothing.mimobuf')}: no such file\n`,
    });

    const foreign = join(live.dir, 'foreign.mimobuf');
    writeFileSync(foreign, 'this is not a buffer file, just some text that is long enough for a preamble\n');
    const notOurs = await runCli('inspect', foreign, '--json');
    expect(notOurs).toEqual({
      code: 2,
      stdout: '',
      stderr: `mimocorb2 inspect: ${foreign} is not a mimocorb2 buffer file (it does not start with the MIMOBUF magic)\n`,
    });

    const badSlot = await runCli('inspect', live.file, '--slot', String(SLOT_COUNT));
    expect(badSlot).toEqual({
      code: 2,
      stdout: '',
      stderr: `mimocorb2 inspect: --slot must be a whole number from 0 to ${SLOT_COUNT - 1}, got ${SLOT_COUNT}\n`,
    });

    const notANumber = await runCli('inspect', live.file, '--slot', 'abc');
    expect(notANumber).toEqual({
      code: 2,
      stdout: '',
      stderr: `mimocorb2 inspect: --slot must be a whole number from 0 to ${SLOT_COUNT - 1}, got abc\n`,
    });

    const noSlotNumber = await runCli('inspect', live.file, '--slot');
    expect(noSlotNumber.code).toBe(2);
    expect(noSlotNumber.stdout).toBe('');
    expect(noSlotNumber.stderr).toContain('Not enough arguments following: slot');
  });

  it('exits 2 naming the file for a truncated copy, a directory and a named pipe nobody writes', async () => {
    live = startLiveBuffer();
    const truncated = join(live.dir, 'truncated.mimobuf');
    writeFileSync(truncated, readFileSync(live.file).subarray(0, 4000));
    expect(await runCli('inspect', truncated)).toEqual({
      code: 2,
      stdout: '',
      stderr: `mimocorb2 inspect: ${truncated} is truncated: 4000 bytes, its description says ${statSync(live.file).size}\n`,
    });

    const directory = join(live.dir, 'a-directory');
    mkdirSync(directory);
    expect(await runCli('inspect', directory)).toEqual({
      code: 2,
      stdout: '',
      stderr: `mimocorb2 inspect: ${directory} is not a mimocorb2 buffer file: it is a directory, not a regular file\n`,
    });

    // Opening a FIFO for reading waits for a writer, unless it is opened non-blocking.
    const fifo = join(live.dir, 'orphan.filled');
    execFileSync('mkfifo', [fifo]);
    expect(await runCli('inspect', fifo, '--json')).toEqual({
      code: 2,
      stdout: '',
      stderr: `mimocorb2 inspect: ${fifo} is not a mimocorb2 buffer file: it is a named pipe, not a regular file\n`,
    });
  });
});
