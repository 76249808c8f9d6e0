import { describe, expect, it } from 'vitest';
import { decimateCurve } from '../../../src/pictures/decimate.js';

describe('decimateCurve', () => {
  it('keeps every point of a short curve', () => {
    expect(decimateCurve([0, 2, 4], [1, 5, 2], 10)).toEqual([
      { x: 0, y: 1 },
      { x: 2, y: 5 },
      { x: 4, y: 2 },
    ]);
  });

  it('keeps at most 4 points a pixel column of a long curve, and its one-sample spike', () => {
    const y = Array.from({ length: 10_000 }, (_, i) => (i === 6789 ? 50 : Math.sin(i / 100)));
    const points = decimateCurve(undefined, y, 200);
    expect(points.length).toBeLessThanOrEqual(4 * 200);
    expect(points).toContainEqual({ x: 6789, y: 50 });
    expect(points[0]).toEqual({ x: 0, y: 0 });
    expect(points[points.length - 1]?.x).toBe(9999);
    expect(points.every((p, i) => i === 0 || p.x > (points[i - 1]?.x ?? -1))).toBe(true);
  });
});
