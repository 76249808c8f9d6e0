import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RingBuffer } from '../../../src/buffer/index.js';

// A buffer with a real writer and reader process moving events through it, for tests that look
// at a buffer while it is in use. The writer's data is a pattern of each event's counter.

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const FIXTURES = join(ROOT, 'test/fixtures/inspect');
export const SLOT_COUNT = 16;
export const DATA_LENGTH = 1024;
const WAIT_POLL_MS = 10;

export interface LiveBuffer {
  readonly dir: string;
  readonly buffer: RingBuffer;
  readonly file: string;
  readonly writer: ChildProcess;
  readonly reader: ChildProcess;
}

export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const children = new Set<ChildProcess>();

function start(fixture: string, file: string): ChildProcess {
  const child = spawn(process.execPath, [join(FIXTURES, fixture), file], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** Creates the buffer in its own directory and starts the pattern writer and a reader on it. */
export function startLiveBuffer(): LiveBuffer {
  const dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'mimocorb2-inspect-test-'));
  const buffer = RingBuffer.create(dir, {
    name: 'raw',
    slotCount: SLOT_COUNT,
    dataLength: DATA_LENGTH,
    fields: { wave: 'f4', index: 'i8', odd: 'b1' },
  });
  const file = buffer.paths.file;
  return {
    dir,
    buffer,
    file,
    writer: start('pattern-writer.mjs', file),
    reader: start('draining-reader.mjs', file),
  };
}

/** Polls `probe` until it returns a value, failing after `timeoutMs` with what was last seen. */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined,
  describe: () => string,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; saw ${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, WAIT_POLL_MS));
  }
}

/** Waits until `count` events have been written and read. */
export async function waitForEvents(live: LiveBuffer, count: number): Promise<void> {
  await waitFor(
    `${count} events written and read`,
    () => {
      const stats = live.buffer.stats();
      return stats.written >= count && stats.read >= count ? true : undefined;
    },
    () => JSON.stringify(live.buffer.stats()),
  );
}

/** Resolves with the exit code (or signal name) once the child has exited. */
export function exited(child: ChildProcess): Promise<number | string> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  if (child.signalCode !== null) return Promise.resolve(child.signalCode);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  });
}

/** Asks the writer to stop and waits until both processes have ended by themselves. */
export async function stopLiveBuffer(live: LiveBuffer): Promise<void> {
  live.buffer.requestStop();
  const codes = await Promise.all([exited(live.writer), exited(live.reader)]);
  if (codes[0] !== 0 || codes[1] !== 0)
    throw new Error(`writer and reader exited with ${codes.join(' and ')}`);
}

/** Kills what is still running, removes the buffer and its directory; returns whether the directory is gone. */
export function cleanUp(live: LiveBuffer | undefined): boolean {
  for (const child of children) child.kill('SIGKILL');
  children.clear();
  if (!live) return true;
  live.buffer.remove();
  rmSync(live.dir, { recursive: true, force: true });
  return !existsSync(live.dir);
}

/** Runs a command to its end and collects its output. */
export function run(command: string, args: readonly string[], timeoutMs = 20_000): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs });
    children.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => {
      children.delete(child);
      resolve({ code, stdout, stderr });
    });
  });
}

/** `mimocorb2 ...` from the built package. */
export function runCli(...args: string[]): Promise<RunResult> {
  return run(process.execPath, [join(ROOT, 'dist/cli.js'), ...args]);
}

type Element = number | string | boolean | bigint;

/** What the pattern writer wrote for event `counter`; returns the first mismatch, or '' if none. */
export function checkPattern(
  counter: number,
  data: Readonly<Record<string, ArrayLike<Element> | undefined>>,
): string {
  const { wave, index, odd } = data;
  if (!wave || !index || !odd) return `fields missing: ${Object.keys(data).join(', ')}`;
  if (wave.length !== DATA_LENGTH || index.length !== DATA_LENGTH || odd.length !== DATA_LENGTH) {
    return `lengths ${wave.length}, ${index.length}, ${odd.length}, expected ${DATA_LENGTH}`;
  }
  for (let i = 0; i < DATA_LENGTH; i++) {
    const expected = [(counter + i) % 4096, counter * 1000 + i, (counter + i) % 2 === 1];
    const got = [Number(wave[i]), Number(index[i]), odd[i] === true || odd[i] === 1];
    if (got.some((value, k) => value !== expected[k])) {
      return `counter ${counter}, element ${i}: got ${JSON.stringify(got)}, expected ${JSON.stringify(expected)}`;
    }
  }
  return '';
}
