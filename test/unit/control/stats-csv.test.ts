import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunSnapshot } from '../../../src/control/stats/snapshot.js';
import { StatsCsv, statsInterval } from '../../../src/control/stats/stats-csv.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function snapshot(elapsed: number): RunSnapshot {
  return {
    time: 1_700_000_000 + elapsed,
    elapsed,
    buffers: [
      {
        name: 'raw',
        slotCount: 8,
        isRoot: true,
        events: elapsed * 100,
        read: elapsed * 100,
        rate: 100,
        filled: 0.25,
        free: 0.75,
        inUse: 0,
        deadTime: 0.001,
        lag: 2,
        ageP50: 0.0012,
        ageP99: null,
        paused: false,
        stopRequested: false,
        ended: false,
        discarded: 0,
        overwritten: 0,
        redelivered: 0,
        dropped: 0,
        undeliverable: 0,
      },
    ],
    workers: [
      {
        name: 'source',
        processesAlive: 1,
        processesTotal: 1,
        cpuPercent: 12.34,
        rssBytes: 50 * 2 ** 20,
        restarts: 0,
      },
    ],
    processes: [],
    control: { cpuPercent: 1, rssBytes: 60 * 2 ** 20 },
    system: { cpuPercent: 50, memUsedBytes: 2 ** 30, memTotalBytes: 2 ** 32 },
  };
}

describe('statsInterval', () => {
  it.each([
    [0, 1],
    [9.9, 1],
    [10, 10],
    [59, 10],
    [60, 60],
    [599, 60],
    [600, 600],
    [3599, 600],
    [3600, 3600],
    [86_400, 3600],
  ])('at %s s writes every %s s', (elapsed, interval) => {
    expect(statsInterval(elapsed)).toBe(interval);
  });
});

describe('StatsCsv', () => {
  it('writes a header once, rows on the schedule, and a last row', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stats-csv-'));
    dirs.push(dir);
    const csv = new StatsCsv(join(dir, 'stats.csv'));
    for (let t = 0; t <= 25; t += 0.5) csv.offer(snapshot(t));
    csv.finish(snapshot(25.2));
    const lines = readFileSync(join(dir, 'stats.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe(
      'time,elapsed_s,processes_alive,control.cpu_percent,control.rss_mb,system.cpu_percent,system.mem_used_mb,' +
        'buffer.raw.events,buffer.raw.rate,buffer.raw.filled,buffer.raw.free,buffer.raw.dead_time,' +
        'buffer.raw.lag,buffer.raw.age_p50_s,buffer.raw.age_p99_s,buffer.raw.paused,' +
        'buffer.raw.ended,buffer.raw.discarded,buffer.raw.overwritten,buffer.raw.redelivered,buffer.raw.undeliverable,' +
        'worker.source.alive,worker.source.cpu_percent,worker.source.rss_mb,worker.source.restarts',
    );
    const elapsed = lines.slice(1).map((line) => Number(line.split(',')[1]));
    expect(elapsed).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20, 25.2]);
    expect(lines[2]).toContain(',100,100,0.25,0.75,0.001,2,0.0012,,0,0,0,0,0,0,1,12.3,50,0');
  });

  it('a row the full disk takes only part of is cut off, so the rows written later are whole', (context) => {
    const dir = mkdtempSync(join(tmpdir(), 'stats-csv-'));
    dirs.push(dir);
    const small = join(dir, 'small');
    mkdirSync(small);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', small], { stdio: 'ignore' });
    } catch {
      context.skip('cannot mount a small tmpfs here (not root?)');
    }
    try {
      const path = join(small, 'stats.csv');
      const errors: string[] = [];
      const csv = new StatsCsv(path, (message) => errors.push(message));
      csv.offer(snapshot(0));
      // The rest of the disk taken, but for what is left in the last page of stats.csv.
      const filler = join(small, 'filler');
      try {
        writeFileSync(filler, Buffer.alloc(64 * 1024, 1));
      } catch {
        // Full: as intended.
      }
      for (let t = 1; errors.length === 0 && t < 1000; t++) csv.finish(snapshot(t));
      expect(errors).toEqual([expect.stringMatching(/^stats.csv could not be written \(.*ENOSPC/)]);
      rmSync(filler);
      csv.finish(snapshot(200));
      const lines = readFileSync(path, 'utf8').split('\n');
      expect(lines.at(-1), 'the file ends with a whole row').toBe('');
      const fields = (lines[0] as string).split(',').length;
      expect(lines.slice(0, -1).map((line) => line.split(',').length)).toEqual(
        lines.slice(0, -1).map(() => fields),
      );
      expect(Number((lines.at(-2) as string).split(',')[1])).toBe(200);
      expect(statSync(path).size).toBeGreaterThan(4096);
    } finally {
      execFileSync('umount', [small]);
    }
  });
});
