import { describe, expect, it } from 'vitest';
import { Writer, type RingBuffer } from '../../../src/index.js';
import { describeChild, waitFor, waitForJsonLine, waitForLine } from '../../helpers/processes.js';
import { expectExit, useTemplateWorkers } from './template-workers.js';

interface ObserveSummary {
  readonly counters: number[];
  readonly seqs: number[];
  readonly gapsMs: number[];
  readonly copiesIntact: boolean;
  readonly distinctObjects: number;
  readonly isEnded: boolean;
}

/** Commits event `i` of the fixtures' kind (seq = counter = i) from this test process. */
function writeEvent(writer: Writer, i: number): void {
  const slot = writer.acquire();
  if (slot === null) throw new Error('acquire() returned null');
  (slot.data['seq'] as Int32Array).fill(i);
  const x = slot.data['x'] as Float64Array;
  for (let k = 0; k < x.length; k++) x[k] = i + k / 8;
  slot.metadata.set3(i, Date.now() / 1000, 0);
  writer.commit();
}

describe('Observer', () => {
  const { createBuffer, startWorker } = useTemplateWorkers();

  function observe(buffer: RingBuffer, config: Record<string, unknown> = {}) {
    return startWorker('observe-events.mjs', { name: 'observer', observes: [buffer.name], config });
  }

  it('yields copies of new commits only, none twice, and ends when the buffer ends', async () => {
    // Two slots that are overwritten, so a copy that still looked at the slot would change.
    const raw = createBuffer('raw', { slotCount: 2, overwrite: true });
    const writer = new Writer(raw);
    const observer = observe(raw);
    await waitForLine(observer, /^ready$/);
    writeEvent(writer, 0);
    await waitForLine(observer, /^event \{"counter":0,"seq":0\}$/);
    writeEvent(writer, 1);
    await waitForLine(observer, /^event \{"counter":1,"seq":1\}$/);
    for (let i = 2; i < 20; i++) writeEvent(writer, i);
    await waitForLine(observer, /^event \{"counter":19,"seq":19\}$/);
    writer.close();

    const summary = await waitForJsonLine<ObserveSummary>(observer, 'summary');
    await expectExit(observer, 0);
    expect(summary.isEnded).toBe(true);
    expect(summary.counters.slice(0, 2)).toEqual([0, 1]);
    expect(summary.counters.at(-1)).toBe(19);
    expect(summary.seqs).toEqual(summary.counters);
    for (let i = 1; i < summary.counters.length; i++) {
      expect(summary.counters[i]).toBeGreaterThan(summary.counters[i - 1] as number);
    }
    expect(summary.copiesIntact).toBe(true);
    expect(summary.distinctObjects).toBe(summary.counters.length);
    // Observing takes nothing from the buffer.
    expect(raw.stats().read).toBe(0);
  });

  it('yields at most one event per interval', async () => {
    const raw = createBuffer('raw', { slotCount: 4, overwrite: true });
    const importer = startWorker('import-events.mjs', {
      name: 'importer',
      sinks: ['raw'],
      config: { count: 'forever' },
    });
    const interval = 0.1;
    const observer = observe(raw, { interval });
    await waitForLine(observer, /^ready$/);
    const events = () => observer.lines.filter((line) => line.startsWith('event ')).length;
    await waitFor(
      () => events() >= 4,
      '4 events observed',
      undefined,
      () => describeChild(observer),
    );
    raw.requestStop();
    await expectExit(importer, 0);
    const summary = await waitForJsonLine<ObserveSummary>(observer, 'summary');
    await expectExit(observer, 0);
    expect(summary.gapsMs.length).toBeGreaterThanOrEqual(3);
    // Timers never fire early; the 1 ms allows for the two clocks' rounding.
    for (const gap of summary.gapsMs) expect(gap).toBeGreaterThanOrEqual(interval * 1000 - 1);
    expect(summary.copiesIntact).toBe(true);
  });
});

describe('IsAlive', () => {
  const { createBuffer, startWorker } = useTemplateWorkers();

  it('is true until the observed buffer ends', async () => {
    const raw = createBuffer('raw');
    const writer = new Writer(raw);
    const isAlive = startWorker('is-alive.mjs', { name: 'alive', observes: ['raw'] });
    await waitForLine(isAlive, /^alive true$/);
    writer.close();
    await waitForLine(isAlive, /^alive false$/);
    await expectExit(isAlive, 0);
  });
});
