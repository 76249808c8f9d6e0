import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  latestNumber,
  numberedPath,
  RotatingFile,
  type GrowingFile,
} from '../../../../src/functions/files/rotation.js';

afterEach(() => {
  vi.useRealTimers();
});

/** A file that only counts its bytes; `opened` lists the paths in the order they were opened. */
function countingFiles(opened: string[]): (path: string) => GrowingFile & { size: number } {
  return (path) => {
    opened.push(path);
    return { path, size: 10, emptySize: 10, close: () => undefined };
  };
}

describe('numbered files', () => {
  it('take a four-digit number before the extension', () => {
    expect(numberedPath('/run/pulses.csv', 3)).toBe('/run/pulses.0003.csv');
    expect(numberedPath('/run/raw.mimo', 12345)).toBe('/run/raw.12345.mimo');
  });

  it('the latest is the highest number of that stem and extension', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mimocorb2-rotation-'));
    try {
      expect(latestNumber(join(dir, 'a.csv'))).toBe(0);
      for (const name of ['a.0001.csv', 'a.0012.csv', 'a.0099.mimo', 'ab.0200.csv', 'a.csv'])
        writeFileSync(join(dir, name), '');
      expect(latestNumber(join(dir, 'a.csv'))).toBe(12);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});

describe('RotatingFile', () => {
  it('without rotation writes the plain path and never rotates', () => {
    const opened: string[] = [];
    const files = new RotatingFile('/run/x.csv', {}, countingFiles(opened));
    files.file.size = 1e12;
    expect(files.next(1e9)).toBeUndefined();
    expect(opened).toEqual(['/run/x.csv']);
  });

  it('rotate_mb: the next file before this one would pass the size, never leaving one without events', () => {
    const opened: string[] = [];
    const files = new RotatingFile('/run/x.csv', { rotate_mb: 100 / 2 ** 20 }, countingFiles(opened));
    // One save larger than the limit still goes into the (empty) file.
    expect(files.next(500)).toBeUndefined();
    files.file.size += 500;
    expect(files.next(1)).toBe('/run/x.0001.csv');
    files.file.size += 80;
    expect(files.next(10)).toBeUndefined();
    files.file.size += 10;
    expect(files.next(1)).toBe('/run/x.0002.csv');
    expect(opened).toEqual(['/run/x.0001.csv', '/run/x.0002.csv', '/run/x.0003.csv']);
  });

  it('closes each file once, also when the next one cannot be opened', () => {
    let closes = 0;
    let opens = 0;
    const files = new RotatingFile('/run/x.csv', { rotate_mb: 100 / 2 ** 20 }, (path) => {
      if (++opens > 1) throw new Error('ENOSPC');
      return { path, size: 200, emptySize: 10, close: () => void closes++ };
    });
    expect(() => files.next(1)).toThrow('ENOSPC');
    files.close();
    expect(closes).toBe(1);
  });

  it('rotate_minutes: the next file at the first save after the time, none while nothing is saved', () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    const opened: string[] = [];
    const files = new RotatingFile('/run/x.mimo', { rotate_minutes: 2 }, countingFiles(opened));
    files.file.size += 100;
    vi.advanceTimersByTime(119_000);
    expect(files.next(100)).toBeUndefined();
    vi.advanceTimersByTime(1_000);
    expect(files.next(0)).toBeUndefined();
    expect(files.next(100)).toBe('/run/x.0001.mimo');
    vi.advanceTimersByTime(600_000);
    // The new file holds no event yet: it is not closed empty.
    expect(files.next(100)).toBeUndefined();
    expect(opened).toEqual(['/run/x.0001.mimo', '/run/x.0002.mimo']);
  });
});
