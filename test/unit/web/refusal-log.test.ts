import { describe, expect, it } from 'vitest';
import { RefusalLog } from '../../../src/web/refusal-log.js';

describe('RefusalLog', () => {
  it('writes ten refusals a minute, then counts the rest in one line', () => {
    const lines: string[] = [];
    const log = new RefusalLog((line) => lines.push(line));
    for (let i = 0; i < 25; i++) log.refused(`refused ${i}`, 1_000 + i);
    expect(lines).toEqual(Array.from({ length: 10 }, (_, i) => `refused ${i}`));
    log.refused('refused later', 61_000);
    expect(lines.slice(10)).toEqual([
      'web: 15 more refused requests in the last minute were not logged',
      'refused later',
    ]);
  });
});
