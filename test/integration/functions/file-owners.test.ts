// The file-owning prebuilt exporters as a restarted process finds their files: started twice on
// one run directory, after a kill that left half a row, and on a disk that fills up.
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { RingBuffer } from '../../../src/index.js';
import { readInt64Npy } from '../../../src/functions/exporters/histogram/npy.js';
import { useBufferDir, useBuiltDist } from '../../helpers/buffer-dir.js';
import {
  describeChild,
  FIXTURES_DIR,
  spawnNode,
  spawnTracked,
  useProcessCleanup,
  waitForExit,
  waitForLine,
  type TrackedChild,
} from '../../helpers/processes.js';

useBuiltDist();
useProcessCleanup();
const bufferDir = useBufferDir();
const runDirs: string[] = [];
afterEach(() => {
  for (const dir of runDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function makeRunDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mimocorb2-run-'));
  runDirs.push(dir);
  return dir;
}

const RUN_PREBUILT = join(FIXTURES_DIR, 'functions', 'run-prebuilt.mjs');

/** A fresh buffer `pulses` of {seq: i4, x: f8}, data_length 1 (the template fixtures' events: x = seq). */
function createPulses(): RingBuffer {
  const dir = bufferDir();
  rmSync(join(dir, 'pulses.mimobuf'), { force: true });
  return RingBuffer.create(dir, {
    name: 'pulses',
    slotCount: 8,
    dataLength: 1,
    fields: { seq: 'i4', x: 'f8' },
  });
}

interface PrebuiltSpec {
  readonly function: string;
  readonly runDir: string;
  readonly config: Record<string, unknown>;
}

function spec(prebuilt: PrebuiltSpec): string {
  return JSON.stringify({ dir: bufferDir(), name: 'exporter', sources: ['pulses'], ...prebuilt });
}

/** Feeds `count` events into `pulses` while `exporter` takes them; waits for both to end. */
async function feed(count: number, exporter: TrackedChild): Promise<string> {
  const importer = spawnNode('templates/import-events.mjs', [
    JSON.stringify({ dir: bufferDir(), name: 'importer', sinks: ['pulses'], config: { count } }),
  ]);
  expect(await waitForExit(importer), describeChild(importer)).toEqual({ code: 0, signal: null });
  await waitForExit(exporter);
  return (await waitForLine(exporter, /^(done|failed .*)$/))[1] as string;
}

/** One run of the exporter on `count` fresh events. */
async function runOnce(prebuilt: PrebuiltSpec, count: number): Promise<string> {
  const buffer = createPulses();
  try {
    return await feed(count, spawnTracked(process.execPath, [RUN_PREBUILT, spec(prebuilt)], 'exporter'));
  } finally {
    buffer.remove();
  }
}

function readRows(file: string): Record<string, string>[] {
  return parse<Record<string, string>>(readFileSync(file), { columns: true });
}

describe('a restarted file-owning exporter', () => {
  it('exporters.csv appends to its file after the last whole row, under the one header', async () => {
    const runDir = makeRunDir();
    const prebuilt = { function: 'exporters.csv', runDir, config: { save_interval: 0 } };
    expect(await runOnce(prebuilt, 30)).toBe('done');
    const file = join(runDir, 'pulses.csv');
    // What a kill in the middle of a write leaves: the start of a row.
    appendFileSync(file, '30,1796607070.36');
    expect(await runOnce(prebuilt, 20)).toBe('done');
    const text = readFileSync(file, 'utf8');
    expect(text.split('\n')[0]).toBe('counter,timestamp,deadtime,seq,x');
    expect(text.match(/^counter,/gm)).toHaveLength(1);
    const rows = readRows(file);
    expect(rows.map((row) => Number(row['seq']))).toEqual([...Array(30).keys(), ...Array(20).keys()]);
    expect(rows.every((row) => row['x'] === row['seq'])).toBe(true);
  });

  it('exporters.histogram loads the counts it saved and goes on counting', async () => {
    const runDir = makeRunDir();
    const prebuilt = { function: 'exporters.histogram', runDir, config: { bins: { x: [0, 100, 11] } } };
    const file = join(runDir, 'Histograms_pulses', 'x.npy');
    expect(await runOnce(prebuilt, 100)).toBe('done');
    expect([...(readInt64Npy(file, 10) ?? [])]).toEqual(Array(10).fill(10));
    // What a kill in the middle of replacing x.npy leaves beside it.
    writeFileSync(`${file}.99999.tmp`, 'half a file');
    expect(await runOnce(prebuilt, 50)).toBe('done');
    expect(readdirSync(join(runDir, 'Histograms_pulses')).sort()).toEqual(['info.csv', 'x.npy']);
    expect([...(readInt64Npy(file, 10) ?? [])]).toEqual([20, 20, 20, 20, 20, 10, 10, 10, 10, 10]);
    expect(readFileSync(join(runDir, 'Histograms_pulses', 'info.csv'), 'utf8')).toBe(
      'Channel,Min,Max,NBins\nx,0,100,11\n',
    );
  });
});

// A full disk for real: a 16 KiB tmpfs in a mount namespace of the exporter's own.
const canMountTmpfs =
  spawnSync('unshare', ['-rm', 'sh', '-c', 'mount -t tmpfs -o size=16k none /mnt'], { stdio: 'ignore' })
    .status === 0;
if (!canMountTmpfs) {
  process.stderr.write(
    'SKIPPED: the full-disk test needs `unshare -rm` to mount a small tmpfs (util-linux, user namespaces)\n',
  );
}

describe.skipIf(!canMountTmpfs)('exporters.csv on a disk that fills up', () => {
  it('fails with one error naming the file and ENOSPC, and leaves only whole rows', async () => {
    const scratch = makeRunDir();
    const mountPoint = join(scratch, 'small');
    const copy = join(scratch, 'pulses.csv');
    const buffer = createPulses();
    try {
      const script =
        'mkdir -p "$1" && mount -t tmpfs -o size=16k none "$1" && node "$2" "$3"; s=$?; cp "$1/pulses.csv" "$4"; exit $s';
      const exporter = spawnTracked(
        'unshare',
        [
          '-rm',
          'sh',
          '-c',
          script,
          'sh',
          mountPoint,
          RUN_PREBUILT,
          spec({ function: 'exporters.csv', runDir: mountPoint, config: { save_interval: 0 } }),
          copy,
        ],
        'exporter',
      );
      const outcome = await feed(2000, exporter);
      const size = readFileSync(copy).length;
      expect(outcome).toBe(
        `failed ${JSON.stringify({
          name: 'ExportFileError',
          message: `cannot write ${mountPoint}/pulses.csv: ENOSPC (no space left on device); the file ends with its last whole row (${size} bytes)`,
        })}`,
      );
      expect(await waitForExit(exporter)).toEqual({ code: 1, signal: null });
      const text = readFileSync(copy, 'utf8');
      expect(text.endsWith('\n')).toBe(true);
      const rows = readRows(copy);
      expect(rows.length).toBeGreaterThan(100);
      expect(rows.map((row) => Number(row['seq']))).toEqual([...Array(rows.length).keys()]);
    } finally {
      buffer.remove();
    }
  });
});
