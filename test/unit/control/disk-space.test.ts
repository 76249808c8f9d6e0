import { describe, expect, it } from 'vitest';
import { DiskSpaceWatch } from '../../../src/control/stats/disk-space.js';

const MiB = 2 ** 20;

/** A watch whose free space is what `free` holds at each sample. */
function watchOf(free: { bytes: number }): DiskSpaceWatch {
  return new DiskSpaceWatch('/data/runs', () => free.bytes);
}

describe('DiskSpaceWatch', () => {
  it('tells the rate over the last minute and the time left, once it has 10 s of samples', () => {
    const free = { bytes: 1000 * MiB };
    const watch = watchOf(free);
    expect(watch.sample(0)).toEqual({
      path: '/data/runs',
      freeBytes: 1000 * MiB,
      bytesPerS: 0,
      secondsLeft: undefined,
    });
    free.bytes = 990 * MiB;
    expect(watch.sample(5)?.secondsLeft, 'after 5 s').toBeUndefined();
    free.bytes = 980 * MiB;
    expect(watch.sample(10)).toEqual({
      path: '/data/runs',
      freeBytes: 980 * MiB,
      bytesPerS: 2 * MiB,
      secondsLeft: 490,
    });
    // Only the last minute counts: a burst long ago is forgotten.
    free.bytes = 979 * MiB;
    expect(watch.sample(100)?.bytesPerS).toBe(0);
  });

  it('warns when an hour at the current rate does not fit, and again each time the time left halves', () => {
    const free = { bytes: 10_000 * MiB };
    const watch = watchOf(free);
    const warnings: (string | undefined)[] = [];
    for (let t = 0; t <= 60; t += 10) {
      free.bytes = (10_000 - t * 2) * MiB; // 2 MiB/s: 10 GB last about 83 min
      warnings.push(watch.warning(watch.sample(t)));
    }
    expect(warnings.filter(Boolean)).toEqual([]);
    free.bytes = 3000 * MiB;
    const at70 = watch.warning(watch.sample(70));
    expect(at70).toMatch(
      /^the disk of \/data\/runs has 2\.93G free and fills at [\d.]+M\/s: full in about \d+ min; make room or stop the run$/,
    );
    free.bytes = 2900 * MiB;
    expect(watch.warning(watch.sample(75)), 'not halved yet').toBeUndefined();
    free.bytes = 200 * MiB;
    expect(watch.warning(watch.sample(80))).toMatch(/full in about \d+ min/);
  });

  it('says nothing while the free space grows, or when it cannot be read', () => {
    const free = { bytes: 100 * MiB };
    const watch = watchOf(free);
    watch.sample(0);
    free.bytes = 200 * MiB;
    expect(watch.warning(watch.sample(30))).toBeUndefined();
    const gone = new DiskSpaceWatch('/data/runs', () => {
      throw new Error('ENOENT');
    });
    expect(gone.sample(0)).toBeUndefined();
    expect(gone.warning(undefined)).toBeUndefined();
  });
});
