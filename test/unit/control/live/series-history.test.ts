import { describe, expect, it } from 'vitest';
import { SeriesHistory } from '../../../../src/control/live/index.js';
import { runSnapshot } from '../../ui/snapshots.js';

describe('SeriesHistory', () => {
  it('keeps one column per quantity, the newest samples up to its capacity, each time once', () => {
    const history = new SeriesHistory(2, 3, 3);
    for (const time of [1, 2, 2, 3, 4]) history.append(runSnapshot(time));
    const { data } = history;
    expect(data.time).toEqual([2, 3, 4]);
    expect(data.rates).toHaveLength(2);
    expect(data.rates.every((column) => column.length === 3)).toBe(true);
    expect(data.workerCpu).toHaveLength(3);
    expect(data.controlCpu).toHaveLength(3);
    expect(data.systemCpu).toHaveLength(3);
  });
});
