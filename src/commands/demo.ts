import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RingBuffer } from '../buffer/index.js';

export interface DemoOptions {
  readonly events: number;
  readonly slots: number;
  readonly print: (line: string) => void;
}

/** Runs one writer and one reader process through a fresh buffer and reports what arrived. */
export async function handleDemo({ events, slots, print }: DemoOptions): Promise<number> {
  const dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'mimocorb2-demo-'));
  let buffer: RingBuffer;
  try {
    buffer = RingBuffer.create(dir, {
      name: 'demo',
      slotCount: slots,
      dataLength: 1,
      fields: { value: 'f8' },
    });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  print(`buffer 'demo': ${slots} slots of one f8 in ${buffer.paths.file}`);
  print(`one writer process puts ${events} events in, one reader process takes them out ...`);
  const child = fileURLToPath(new URL('./demo-child.js', import.meta.url));
  try {
    const reader = spawn(process.execPath, [child, 'reader', buffer.paths.file], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const writer = spawn(process.execPath, [child, 'writer', buffer.paths.file, String(events)], {
      stdio: 'inherit',
    });
    let output = '';
    reader.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const [readerCode, writerCode] = await Promise.all([exitCode(reader), exitCode(writer)]);
    const result = JSON.parse(output || '{}') as { events?: number; seconds?: number; sum?: number };
    const stats = buffer.stats();
    const expectedSum = (events * (events - 1)) / 2;
    print(`written ${stats.written}, read ${stats.read}, all slots free again: ${stats.free === slots}`);
    print(
      `every event arrived once: ${result.events === events && result.sum === expectedSum}; ` +
        `${Math.round((result.events ?? 0) / (result.seconds ?? 1)).toLocaleString('en')} events/s`,
    );
    return readerCode === 0 && writerCode === 0 && result.events === events ? 0 : 1;
  } finally {
    buffer.remove();
    rmSync(dir, { recursive: true, force: true });
  }
}

function exitCode(child: ReturnType<typeof spawn>): Promise<number> {
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolve(code ?? 1));
  });
}
