// visualizers.histogram and visualizers.csv as worker processes: the files an exporter writes,
// shown as a grid display (a panel per channel) that follows the files while the buffer runs,
// read from the display file control reads, and what the terminal UI draws of that very frame.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { RingBuffer, Writer } from '../../../src/index.js';
import { DisplayReader, type DisplayFrame, type GridDisplay } from '../../../src/display/index.js';
import { encodeInt64Npy } from '../../../src/functions/exporters/histogram/npy.js';
import { useBufferDir } from '../../helpers/buffer-dir.js';
import { useProcessCleanup, waitFor } from '../../helpers/processes.js';
import { drawDisplay } from '../../unit/ui/draw-display.js';
import { makeSpec, useBuiltWorkerEntry, useWorkerProcesses } from '../workers/harness.js';
import { PREBUILT_DIST } from './prebuilt-dist.js';

useBuiltWorkerEntry();
useProcessCleanup();
const runDir = useBufferDir();
const createWorker = useWorkerProcesses();
afterEach(() => {
  cleanup();
});

/** Starts the visualizer `name` (visualizers/<name>.js) on a new buffer `pulses`; close the writer to end it. */
async function startVisualizer(name: 'histogram' | 'csv', config: Record<string, unknown>) {
  const displayDir = join(runDir(), 'displays');
  mkdirSync(displayDir);
  const buffer = RingBuffer.create(runDir(), {
    name: 'pulses',
    slotCount: 4,
    dataLength: 1,
    fields: { height: 'f4', channel: 'i2' },
  });
  const worker = createWorker({
    spec: makeSpec(runDir(), join(PREBUILT_DIST, 'visualizers', `${name}.js`), {
      worker: `show_${name}`,
      functionName: name,
      observes: [buffer.paths.file],
      displayDir,
      config: { update_interval: 0.05, ...config },
    }),
  });
  worker.start();
  await worker.ready;
  worker.go();
  const reader = new DisplayReader(displayDir);
  let latest: DisplayFrame | undefined;
  return {
    buffer,
    worker,
    /** Waits until the display's newest frame satisfies `isWanted`. */
    frame: async (isWanted: (content: GridDisplay) => boolean, what: string): Promise<DisplayFrame> => {
      await waitFor(
        () => {
          latest = reader.read().at(-1) ?? latest;
          return latest !== undefined && isWanted(latest.content as GridDisplay);
        },
        what,
        20_000,
        () => latest?.content,
      );
      return latest as DisplayFrame;
    },
  };
}

const countsOf = (content: GridDisplay) =>
  content.panels.map((panel) => (panel.kind === 'histogram' ? panel.series[0]?.counts : undefined));

describe('visualizers.histogram', () => {
  it("shows Histograms_<buffer>/ as a panel per channel, follows the exporter's saves, ends with the buffer", async () => {
    const directory = join(runDir(), 'Histograms_pulses');
    mkdirSync(directory);
    const save = (height: number[], channel: number[]) => {
      writeFileSync(join(directory, 'height.npy'), encodeInt64Npy(Float64Array.from(height)));
      writeFileSync(join(directory, 'channel.npy'), encodeInt64Npy(Float64Array.from(channel)));
    };
    save([1, 2, 3, 4], [0, 5]);
    writeFileSync(join(directory, 'info.csv'), 'Channel,Min,Max,NBins\nheight,0.0,1.0,5\nchannel,-10,10,3\n');
    const { buffer, worker, frame } = await startVisualizer('histogram', { plot_type: 'step' });
    try {
      const first = await frame((c) => c.panels.length === 2, 'the first frame');
      expect(first.content).toEqual({
        kind: 'grid',
        title: 'Histograms of pulses',
        panels: [
          {
            kind: 'histogram',
            title: 'height',
            xLabel: 'Value',
            yLabel: 'Count',
            style: 'step',
            edges: [0, 0.25, 0.5, 0.75, 1],
            series: [{ name: 'height', counts: [1, 2, 3, 4] }],
          },
          {
            kind: 'histogram',
            title: 'channel',
            xLabel: 'Value',
            yLabel: 'Count',
            style: 'step',
            edges: [-10, 0, 10],
            series: [{ name: 'channel', counts: [0, 5] }],
          },
        ],
      } satisfies GridDisplay);

      // The exporter saves again: the display follows.
      save([10, 20, 30, 40], [7, 5]);
      await frame((c) => countsOf(c)[1]?.[0] === 7, 'a frame with the new counts');
      new Writer(buffer).close();
      expect(await worker.exited).toMatchObject({ code: 0, signal: null });

      const last = await frame(() => true, 'the last frame');
      expect(countsOf(last.content as GridDisplay)).toEqual([
        [10, 20, 30, 40],
        [7, 5],
      ]);
      const { frame: screen } = drawDisplay(last, 100, 24);
      const rows = screen.split('\n');
      expect(rows[0]).toMatch(/^Histograms of pulses show_histogram#0 · frame \d+/);
      // The two panels side by side, each with its title, axis and legend (its entries).
      expect(rows[1]).toMatch(/^height +channel/);
      expect(screen).toContain('Value');
      expect(screen).toMatch(/■ height 100 .*■ channel 12/);
    } finally {
      buffer.remove();
    }
  });
});

describe('visualizers.csv', () => {
  it('counts the columns of <filename>.csv into a panel each, reading only the rows added since', async () => {
    const file = join(runDir(), 'events.csv');
    writeFileSync(file, 'counter,timestamp,deadtime,height,channel,label\n');
    const rows = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, k) => {
        const i = from + k;
        // A label with a comma is quoted, as exporters.csv writes it.
        return `${i},1.7e9,0,${i * 0.25},${i % 3},${i % 10 === 0 ? '"a,b"' : 'x'}\n`;
      }).join('');
    appendFileSync(file, rows(0, 8));
    const { buffer, worker, frame } = await startVisualizer('csv', {
      filename: 'events',
      bins: { channel: [0, 3, 4], height: [0, 4, 3] },
    });
    try {
      const first = await frame((c) => c.panels.length === 2, 'the first frame');
      expect(first.content).toEqual({
        kind: 'grid',
        title: 'Histograms of events.csv',
        panels: [
          {
            kind: 'histogram',
            title: 'channel',
            xLabel: 'Value',
            yLabel: 'Count',
            style: 'bar',
            edges: [0, 1, 2, 3],
            series: [{ name: 'channel', counts: [3, 3, 2] }],
          },
          {
            kind: 'histogram',
            title: 'height',
            xLabel: 'Value',
            yLabel: 'Count',
            style: 'bar',
            edges: [0, 2, 4],
            series: [{ name: 'height', counts: [8, 0] }],
          },
        ],
      } satisfies GridDisplay);

      appendFileSync(file, rows(8, 20));
      await frame((c) => countsOf(c)[1]?.[1] === 9, 'a frame with the rows appended');
      new Writer(buffer).close();
      expect(await worker.exited).toMatchObject({ code: 0, signal: null });
      const last = await frame(() => true, 'the last frame');
      // heights 0, 0.25, ..., 4.75: 8 below 2, then 2 to 4 with 4 itself, the rest outside.
      expect(countsOf(last.content as GridDisplay)).toEqual([
        [7, 7, 6],
        [8, 9],
      ]);
      const { frame: screen } = drawDisplay(last, 100, 24);
      expect(screen.split('\n')[0]).toMatch(/^Histograms of events\.csv show_csv#0 · frame \d+/);
      expect(screen).toMatch(/■ channel 20 .*■ height 17/);
    } finally {
      buffer.remove();
    }
  });
});
