import { describe, expect, it } from 'vitest';
import { WaveformAssembler } from '../../../../src/functions/importers/redpitaya/waveform-assembler.js';

const SAMPLES = 37;
const PAIRS = SAMPLES + 100;

/** The bytes a device sends for `count` waveforms: pair i of waveform w is (w*500+i, -(w*500+i)). */
function wire(count: number): Buffer {
  const values = new Int16Array(count * PAIRS * 2);
  for (let w = 0; w < count; w++) {
    for (let i = 0; i < PAIRS; i++) {
      values[(w * PAIRS + i) * 2] = i < SAMPLES ? w * 500 + i : 9999;
      values[(w * PAIRS + i) * 2 + 1] = i < SAMPLES ? -(w * 500 + i) : 9999;
    }
  }
  return Buffer.from(values.buffer);
}

/** A small deterministic generator, so a failing chunking can be replayed. */
function chunkSizes(seed: number, max: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return 1 + (state % max);
  };
}

/**
 * Feeds `bytes` in chunks as a paused-and-resumed socket would (a chunk is read only when nothing
 * is pending) and returns the waveforms the assembler wrote.
 */
function assemble(bytes: Buffer, nextChunk: () => number, bufferBytes: number, waveforms: number) {
  const assembler = new WaveformAssembler(SAMPLES, bufferBytes);
  const out: { in1: Int16Array; in2: Int16Array }[] = [];
  let at = 0;
  for (let w = 0; w < waveforms; w++) {
    const channels = { in1: new Int16Array(SAMPLES), in2: new Int16Array(SAMPLES) };
    assembler.begin(channels.in1, channels.in2);
    let isComplete = assembler.resume();
    while (!isComplete) {
      expect(assembler.hasPending, 'nothing pending when the socket reads').toBe(false);
      const count = Math.min(nextChunk(), bufferBytes, bytes.length - at);
      expect(count, `bytes left for waveform ${w}`).toBeGreaterThan(0);
      bytes.copy(assembler.buffer, 0, at, at + count);
      at += count;
      isComplete = assembler.push(count);
    }
    out.push(channels);
  }
  return { out, assembler };
}

function expectWaveforms(out: readonly { in1: Int16Array; in2: Int16Array }[]): void {
  out.forEach(({ in1, in2 }, w) => {
    const expected = Array.from({ length: SAMPLES }, (_, i) => w * 500 + i);
    expect(Array.from(in1), `IN1 of waveform ${w}`).toEqual(expected);
    expect(Array.from(in2), `IN2 of waveform ${w}`).toEqual(expected.map((v) => (v === 0 ? 0 : -v)));
  });
}

describe('WaveformAssembler', () => {
  it.each([
    ['one byte at a time', () => 1],
    ['three bytes at a time (every pair split)', () => 3],
    ['whole waveforms', () => PAIRS * 4],
    ['several waveforms per read', () => 5 * PAIRS * 4 + 2],
  ])('%s: every waveform exact, the cut-off dropped', (_title, nextChunk) => {
    const { out, assembler } = assemble(wire(12), nextChunk, 64 * 1024, 12);
    expectWaveforms(out);
    expect(assembler.completed).toBe(12);
  });

  it.each([1, 2, 3, 4, 5])('random chunks up to 700 bytes (seed %i) into a 1000-byte buffer', (seed) => {
    const { out } = assemble(wire(40), chunkSizes(seed, 700), 1000, 40);
    expectWaveforms(out);
  });

  it('says how far into a waveform it is, for messages', () => {
    const assembler = new WaveformAssembler(SAMPLES, 4096);
    const in1 = new Int16Array(SAMPLES);
    assembler.begin(in1, new Int16Array(SAMPLES));
    expect(assembler.isInsideWaveform).toBe(false);
    wire(1).copy(assembler.buffer, 0, 0, 10);
    expect(assembler.push(10)).toBe(false);
    expect(assembler.isInsideWaveform).toBe(true);
    expect(assembler.bytesReceived).toBe(10);
    expect(assembler.waveformBytes).toBe(PAIRS * 4);
  });

  it('bytes that come before a waveform is asked for stay pending (the socket must pause)', () => {
    const assembler = new WaveformAssembler(SAMPLES, 4096);
    wire(1).copy(assembler.buffer, 0, 0, 100);
    expect(assembler.push(100)).toBe(true);
    expect(assembler.hasPending).toBe(true);
  });
});
