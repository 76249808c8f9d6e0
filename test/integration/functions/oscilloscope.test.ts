// observers.oscilloscope as a worker process: what it publishes for the newest waveform (scaled,
// labelled, the trigger level, the colours), read from the display file control reads, and what
// the terminal UI draws of that very frame.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { RingBuffer, Writer } from '../../../src/index.js';
import { DisplayReader, type LinesDisplay } from '../../../src/display/index.js';
import { pulseWaveform } from '../../fixtures/functions/pulse-shapes.js';
import { useBufferDir } from '../../helpers/buffer-dir.js';
import { useProcessCleanup } from '../../helpers/processes.js';
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

/** Commits waveform i: pulseWaveform(i) in chA, negated in chB, 'w<i>' in label. */
function writeWaveform(writer: Writer, i: number): void {
  const slot = writer.acquire();
  if (slot === null) throw new Error('acquire() returned null');
  const samples = pulseWaveform(i);
  (slot.data['chA'] as Float32Array).set(samples);
  (slot.data['chB'] as Int16Array).set(samples.map((v) => -v));
  slot.metadata.set3(i, Date.now() / 1000, 0);
  writer.commit();
}

describe('observers.oscilloscope', () => {
  it('publishes the newest waveform scaled to its units, which the display tab draws', async () => {
    const displayDir = join(runDir(), 'displays');
    mkdirSync(displayDir);
    const buffer = RingBuffer.create(runDir(), {
      name: 'waves',
      slotCount: 4,
      dataLength: 64,
      fields: { chA: 'f4', label: 'S4', chB: 'i2' },
      overwrite: true,
    });
    try {
      const worker = createWorker({
        spec: makeSpec(runDir(), join(PREBUILT_DIST, 'observers', 'oscilloscope.js'), {
          worker: 'scope',
          functionName: 'oscilloscope',
          observes: [buffer.paths.file],
          displayDir,
          config: {
            t_scaling: [0.5, 10, 'µs'],
            y_scaling: [2, -1, 'mV'],
            trigger_level: 50,
            update_interval: 0.05,
            colors: ['tab:green'],
          },
        }),
      });
      worker.start();
      await worker.ready;
      worker.go();
      const writer = new Writer(buffer);
      for (let i = 0; i < 30; i++) writeWaveform(writer, i);
      writer.close();
      expect(await worker.exited).toMatchObject({ code: 0, signal: null });

      const [frame, ...others] = new DisplayReader(displayDir).read();
      expect(others).toEqual([]);
      const last = pulseWaveform(29);
      expect(frame).toMatchObject({ worker: 'scope', processIndex: 0, name: 'scope' });
      expect(frame?.content).toEqual({
        kind: 'lines',
        title: 'Oscilloscope: waves',
        xLabel: 'µs',
        yLabel: 'mV',
        x: Array.from({ length: 64 }, (_, i) => 10 + i * 0.5),
        // The strings of label are no channel; one colour is used for every channel in turn.
        series: [
          { name: 'chA', y: last.map((v) => v * 2 - 1), color: '#2ca02c' },
          { name: 'chB', y: last.map((v) => -v * 2 - 1), color: '#2ca02c' },
        ],
        horizontalLines: [{ y: 50, name: 'Trigger Level' }],
      } satisfies LinesDisplay);

      const { frame: screen } = drawDisplay(frame!, 100, 20);
      const rows = screen.split('\n');
      expect(rows[0]).toMatch(/^Oscilloscope: waves scope#0 · frame \d+/);
      expect(rows[1]).toBe('mV');
      // The y axis holds the highest sample (229 counts: 457 mV) and the lowest (-459 mV in chB).
      expect(rows.filter((row) => /┤/.test(row)).map((row) => row.split('┤')[0]?.trim())).toEqual([
        '600',
        '400',
        '200',
        '0',
        '-200',
        '-400',
        '-600',
      ]);
      // The trigger level dashed across the chart, between 0 and 200 mV.
      const zero = rows.findIndex((row) => row.startsWith('   0┤'));
      expect(rows[zero - 1]).toMatch(/^ +│(⠒ ){8}/);
      expect(rows.at(-2)).toMatch(/^ +└10 +µs +42$/);
      expect(rows.at(-1)).toMatch(/^■ chA +■ chB +■ Trigger Level$/);
    } finally {
      buffer.remove();
    }
  });
});
