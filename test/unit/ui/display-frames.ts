import type { DisplayContent, DisplayFrame } from '../../../src/display/index.js';

/** A frame of display `name` of `sink` process 0, published now; `fields` overrides. */
export function displayFrame(
  name: string,
  content: DisplayContent,
  fields: Partial<DisplayFrame> = {},
): DisplayFrame {
  return {
    worker: 'sink',
    processIndex: 0,
    name,
    sequence: 1,
    publishedAtS: Date.now() / 1000,
    content,
    ...fields,
  };
}

/** A sine over `points` samples with a narrow spike at `spikeAt` (a peak decimation must keep). */
export function sineWithSpike(points: number, spikeAt: number): number[] {
  return Array.from({ length: points }, (_, i) => (i === spikeAt ? 5 : Math.sin((i / points) * 4 * Math.PI)));
}
