import { describe, expect, it } from 'vitest';
import { parsePerfStatCsv } from '../../../src/bench/perf/perf-stat-csv.js';

describe('the parser of perf stat -x, output', () => {
  it('reads counted values by event name, skipping the comment header', () => {
    const counts = parsePerfStatCsv(
      '# started on Mon Dec  7 16:36:17 2026\n\n' +
        '1234567890,,instructions:u,502383547,100.00,1.23,insn per cycle\n' +
        '502.38,msec,task-clock,502383547,100.00,0.200,CPUs utilized\n',
    );
    expect(counts).toEqual(
      new Map([
        ['instructions:u', { value: 1_234_567_890 }],
        ['task-clock', { value: 502.38 }],
      ]),
    );
  });

  it('keeps <not supported> and <not counted> as the reason there is no value', () => {
    const counts = parsePerfStatCsv(
      '<not supported>,,instructions:u,0,100.00,,\n<not counted>,msec,task-clock,0,0.00,,\n',
    );
    expect(counts.get('instructions:u')).toEqual({ missing: '<not supported>' });
    expect(counts.get('task-clock')).toEqual({ missing: '<not counted>' });
  });

  it('gives nothing for output without event lines', () => {
    expect(parsePerfStatCsv('# started on Mon Dec  7 16:36:17 2026\n\n').size).toBe(0);
  });
});
