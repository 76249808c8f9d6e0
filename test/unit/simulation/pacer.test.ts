import { describe, expect, it } from 'vitest';
import { Pacer } from '../../../src/simulation/index.js';

describe('Pacer', () => {
  it('never lets events come before they are due: the gaps add up from the first', () => {
    const pacer = new Pacer();
    const start = performance.now();
    for (let i = 0; i < 20; i++) pacer.wait(0.005);
    expect(performance.now() - start).toBeGreaterThanOrEqual(20 * 5 - 1);
  });

  it('does not wait for a gap of 0', () => {
    const pacer = new Pacer();
    const start = performance.now();
    for (let i = 0; i < 1000; i++) pacer.wait(0);
    // Nothing was due later than now; 1000 calls of a comparison.
    expect(performance.now() - start).toBeLessThan(1000);
  });

  it('goes on from now after a hold-up instead of sending what it missed at once', () => {
    const pacer = new Pacer();
    const holdUpEnd = performance.now() + 150;
    while (performance.now() < holdUpEnd) {
      // busy: the source was held up (a full buffer)
    }
    const start = performance.now();
    for (let i = 0; i < 10; i++) pacer.wait(0.01);
    expect(performance.now() - start).toBeGreaterThanOrEqual(10 * 10 - 1);
  });
});
