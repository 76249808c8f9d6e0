import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeLayout, MAX_SLOT_COUNT, RingBuffer, type BufferSpec } from '../../../src/buffer/index.js';
import { BufferConfigError } from '../../../src/index.js';
import { useBufferDir, useBuiltDist } from '../../helpers/buffer-dir.js';
import {
  expectCleanExit,
  expectNoLeftovers,
  FIXTURES_DIR,
  spawnTracked,
  useProcessCleanup,
  waitForJsonLine,
} from '../../helpers/processes.js';

useBuiltDist();
useProcessCleanup();
const bufferDir = useBufferDir();

const GOOD: BufferSpec = { name: 'bad', slotCount: 16, dataLength: 1, fields: { x: 'f8' } };
const DTYPES = 'f4 f8 float32 float64 i1 i2 i4 i8 int8..int64 u1 u2 u4 u8 uint8..uint64 b1 bool S<n>';

describe('a buffer that cannot be built', () => {
  it.each<[string, Partial<BufferSpec>, string]>([
    [
      'unknown dtype',
      { fields: { x: 'f16' } },
      `buffer 'bad', field 'x': unknown dtype 'f16'; expected one of ${DTYPES}`,
    ],
    [
      'big-endian dtype',
      { fields: { x: 'f8', ch1: '>f4' } },
      "buffer 'bad', field 'ch1': big-endian dtype '>f4' is not supported (typed arrays use the machine's little-endian order); use '<f4'",
    ],
    ['no field', { fields: {} }, "buffer 'bad': data_dtype needs at least one field"],
    [
      'zero slot_count',
      { slotCount: 0 },
      `buffer 'bad': slot_count must be from 1 to ${MAX_SLOT_COUNT}, got 0`,
    ],
    [
      'negative slot_count',
      { slotCount: -3 },
      `buffer 'bad': slot_count must be from 1 to ${MAX_SLOT_COUNT}, got -3`,
    ],
    ['fractional slot_count', { slotCount: 1.5 }, "buffer 'bad': slot_count must be a whole number, got 1.5"],
    [
      'slot_count above what a FIFO holds',
      { slotCount: MAX_SLOT_COUNT + 1 },
      `buffer 'bad': slot_count must be from 1 to ${MAX_SLOT_COUNT}, got ${MAX_SLOT_COUNT + 1}`,
    ],
    ['zero data_length', { dataLength: 0 }, "buffer 'bad': data_length must be from 1 to 2147483647, got 0"],
    [
      'negative data_length',
      { dataLength: -1 },
      "buffer 'bad': data_length must be from 1 to 2147483647, got -1",
    ],
    [
      'a file over the 2 GiB map limit',
      { slotCount: 1000, dataLength: 300_000 },
      "buffer 'bad': 1000 slots of 2400064 bytes per slot need 2289.4 MiB, more than the 2 GiB one buffer can map; lower slot_count or data_length",
    ],
    [
      'a name that is no file name',
      { name: '../raw' },
      "buffer name \"../raw\" must be letters, digits, '_', '.' or '-' (it names files)",
    ],
  ])('%s: says so and leaves nothing behind', (_, change, message) => {
    const dir = bufferDir();
    const create = () => RingBuffer.create(dir, { ...GOOD, ...change });
    expect(create).toThrow(BufferConfigError);
    expect(create).toThrow(expect.objectContaining({ code: 'ERR_BUFFER_CONFIG', message }));
    expectNoLeftovers(dir);
  });

  it('refuses a name already in use and leaves the live buffer alone', () => {
    const dir = bufferDir();
    const live = RingBuffer.create(dir, { ...GOOD, name: 'raw' });
    const files = readdirSync(dir).sort();
    expect(files).toEqual(['raw.empty', 'raw.filled', 'raw.mimobuf']);
    expect(() => RingBuffer.create(dir, { ...GOOD, name: 'raw' })).toThrow(
      expect.objectContaining({
        code: 'ERR_BUFFER_CONFIG',
        message: `buffer 'raw': ${live.paths.file} exists already (a buffer of this name is there)`,
      }),
    );
    expect(readdirSync(dir).sort()).toEqual(files);
    expect(RingBuffer.open(live.paths.file).stats()).toMatchObject({ name: 'raw', free: GOOD.slotCount });
    live.remove();
    expectNoLeftovers(dir);
  });

  it(`accepts slot_count ${MAX_SLOT_COUNT}: its FIFO takes every token`, () => {
    const dir = bufferDir();
    const buffer = RingBuffer.create(dir, { ...GOOD, slotCount: MAX_SLOT_COUNT });
    expect(buffer.stats()).toMatchObject({ slotCount: MAX_SLOT_COUNT, free: MAX_SLOT_COUNT });
    buffer.remove();
    expectNoLeftovers(dir);
  });
});

interface CreateResult {
  readonly created: boolean;
  readonly error: { name: string; code: string; message: string } | null;
  readonly left: string[];
}

/** Runs create-buffer.mjs on `dir` under `sh -c <prelude> && exec node ...`. */
async function createInShell(prelude: string, dir: string, spec: BufferSpec): Promise<CreateResult> {
  const child = spawnTracked('sh', [
    '-c',
    `${prelude} && exec "$@"`,
    'sh',
    process.execPath,
    join(FIXTURES_DIR, 'buffer', 'create-buffer.mjs'),
    dir,
    JSON.stringify(spec),
  ]);
  const result = await waitForJsonLine<CreateResult>(child, 'result');
  await expectCleanExit(child);
  return result;
}

const SMALL_TMPFS = 'mount -t tmpfs -o size=1m tmpfs "$1"';

/** Whether this machine lets us mount a private tmpfs in a user + mount namespace. */
function canMountPrivateTmpfs(dir: string): boolean {
  return spawnSync('unshare', ['-rm', 'sh', '-c', SMALL_TMPFS, 'sh', dir], { stdio: 'ignore' }).status === 0;
}

describe('a target dir without room', () => {
  // /dev/shm here has far more room than one buffer can map (2 GiB), so the test makes a 1 MiB
  // tmpfs, visible only to the child, inside a private mount namespace.
  it('refuses a buffer larger than the free space, naming both sizes', async (ctx) => {
    const dir = join(bufferDir(), 'small');
    mkdirSync(dir);
    ctx.skip(!canMountPrivateTmpfs(dir), 'unshare cannot mount a private tmpfs on this machine');
    const spec: BufferSpec = { name: 'big', slotCount: 64, dataLength: 4096, fields: { x: 'f8' } };
    const needs = (computeLayout(spec).fileSize / 2 ** 20).toFixed(1);
    const child = spawnTracked('unshare', [
      '-rm',
      'sh',
      '-c',
      `${SMALL_TMPFS} && exec "$2" "$3" "$1" "$4"`,
      'sh',
      dir,
      process.execPath,
      join(FIXTURES_DIR, 'buffer', 'create-buffer.mjs'),
      JSON.stringify(spec),
    ]);
    const result = await waitForJsonLine<CreateResult>(child, 'result');
    await expectCleanExit(child);
    expect(result).toEqual({
      created: false,
      error: {
        name: 'BufferConfigError',
        code: 'ERR_BUFFER_CONFIG',
        message: `buffer 'big': needs ${needs} MiB but ${dir} has only 1.0 MiB free; lower slot_count or data_length, or free memory in ${dir}`,
      },
      left: [],
    });
    expectNoLeftovers(dir);
  });

  // ENOSPC while writing needs a filesystem that fills up between statfs() and write(); a file
  // size limit fails the same write loop honestly (EFBIG) and shows that the half-written file goes.
  it('removes a half-written file when writing it fails', async () => {
    const dir = bufferDir();
    const spec: BufferSpec = { name: 'big', slotCount: 64, dataLength: 4096, fields: { x: 'f8' } };
    const result = await createInShell('ulimit -f 64', dir, spec);
    expect(result).toEqual({
      created: false,
      error: {
        name: 'BufferConfigError',
        code: 'ERR_BUFFER_CONFIG',
        message: `buffer 'big': writing its 2.1 MiB file in ${dir} failed (EFBIG: file too large for this process); lower slot_count or data_length`,
      },
      left: [],
    });
    expectNoLeftovers(dir);
  });
});
