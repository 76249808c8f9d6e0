// Exporter file rotation (rotate_mb, rotate_minutes): exporters.csv and data.export write numbered
// files, each complete on its own, no event lost or doubled across them; a restarted exporter
// appends to the latest one.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { RingBuffer } from '../../../src/index.js';
import { MimoReader } from '../../../src/functions/data/mimo-reader.js';
import { useBufferDir, useBuiltDist } from '../../helpers/buffer-dir.js';
import {
  describeChild,
  FIXTURES_DIR,
  spawnNode,
  spawnTracked,
  useProcessCleanup,
  waitForExit,
  waitForLine,
} from '../../helpers/processes.js';

useBuiltDist();
useProcessCleanup();
const bufferDir = useBufferDir();
const runDirs: string[] = [];
afterEach(() => {
  for (const dir of runDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const RUN_PREBUILT = join(FIXTURES_DIR, 'functions', 'run-prebuilt.mjs');
const MIB = 2 ** 20;

/** Runs `fn` as a worker on `count` fresh events of `pulses` ({seq: i4, x: f8}); its last line. */
async function runOnce(fn: string, runDir: string, config: object, count: number): Promise<string> {
  const dir = bufferDir();
  rmSync(join(dir, 'pulses.mimobuf'), { force: true });
  const buffer = RingBuffer.create(dir, {
    name: 'pulses',
    slotCount: 8,
    dataLength: 1,
    fields: { seq: 'i4', x: 'f8' },
  });
  try {
    const spec = { dir, name: 'exporter', sources: ['pulses'], function: fn, runDir, config };
    const exporter = spawnTracked(process.execPath, [RUN_PREBUILT, JSON.stringify(spec)], 'exporter');
    const importer = spawnNode('templates/import-events.mjs', [
      JSON.stringify({ dir, name: 'importer', sinks: ['pulses'], config: { count } }),
    ]);
    expect(await waitForExit(importer), describeChild(importer)).toEqual({ code: 0, signal: null });
    await waitForExit(exporter);
    return (await waitForLine(exporter, /^(done|failed .*)$/))[1] as string;
  } finally {
    buffer.remove();
  }
}

function makeRunDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mimocorb2-rotation-'));
  runDirs.push(dir);
  return dir;
}

/** The files of the run directory whose names match, sorted. */
function filesOf(runDir: string, pattern: RegExp): string[] {
  return readdirSync(runDir)
    .filter((name) => pattern.test(name))
    .sort();
}

function seqOfCsv(file: string): number[] {
  return parse<Record<string, string>>(readFileSync(file), { columns: true }).map((row) =>
    Number(row['seq']),
  );
}

function countersOfMimo(file: string): number[] {
  const reader = MimoReader.open(file);
  const record = new Uint8Array(reader.header.record_size);
  const counters: number[] = [];
  for (let k = 0; k < reader.recordCount; k++) {
    reader.copyRecord(k, record);
    counters.push(Number(new DataView(record.buffer).getBigInt64(0, true)));
  }
  reader.close();
  return counters;
}

describe('exporters.csv with rotate_mb', () => {
  it('writes numbered files, each with its header and at most rotate_mb, every row once in order', async () => {
    const runDir = makeRunDir();
    const config = { save_interval: 0, rotate_mb: 2000 / MIB };
    expect(await runOnce('exporters.csv', runDir, config, 300)).toBe('done');
    const files = filesOf(runDir, /\.csv$/);
    expect(files.length).toBeGreaterThanOrEqual(3);
    expect(files).toEqual(files.map((_, i) => `pulses.${String(i + 1).padStart(4, '0')}.csv`));
    for (const file of files) {
      expect(readFileSync(join(runDir, file), 'utf8').split('\n')[0]).toBe(
        'counter,timestamp,deadtime,seq,x',
      );
      expect(statSync(join(runDir, file)).size).toBeLessThanOrEqual(2000);
    }
    expect(files.flatMap((file) => seqOfCsv(join(runDir, file)))).toEqual([...Array(300).keys()]);

    // A restarted exporter goes on in the latest file, then rotates on.
    const latest = files.at(-1) as string;
    const before = seqOfCsv(join(runDir, latest)).length;
    expect(await runOnce('exporters.csv', runDir, config, 100)).toBe('done');
    const after = filesOf(runDir, /\.csv$/);
    expect(after.slice(0, files.length)).toEqual(files);
    expect(seqOfCsv(join(runDir, latest)).length).toBeGreaterThan(before);
    expect(after.flatMap((file) => seqOfCsv(join(runDir, file)))).toEqual([
      ...Array(300).keys(),
      ...Array(100).keys(),
    ]);
  });

  it('without rotate_mb or rotate_minutes the file keeps its plain name', async () => {
    const runDir = makeRunDir();
    expect(await runOnce('exporters.csv', runDir, { save_interval: 0 }, 50)).toBe('done');
    expect(filesOf(runDir, /\.csv$/)).toEqual(['pulses.csv']);
  });
});

describe('data.export with rotate_mb', () => {
  it('writes numbered .mimo files, each complete with its header, every event once in order', async () => {
    const runDir = makeRunDir();
    expect(await runOnce('data.export', runDir, { rotate_mb: 4000 / MIB }, 400)).toBe('done');
    const files = filesOf(runDir, /\.mimo$/);
    expect(files.length).toBeGreaterThanOrEqual(3);
    expect(files).toEqual(files.map((_, i) => `pulses.${String(i + 1).padStart(4, '0')}.mimo`));
    for (const file of files) expect(statSync(join(runDir, file)).size).toBeLessThanOrEqual(4000);
    const counters = files.flatMap((file) => countersOfMimo(join(runDir, file)));
    expect(counters).toHaveLength(400);
    expect(counters).toEqual(counters.map((_, i) => (counters[0] as number) + i));
  });
});
