import { setTimeout as sleep } from 'node:timers/promises';
import type { Observer as BufferObserver } from '../../buffer/index.js';
import type { DisplayContent } from '../../display/index.js';
import { IsAlive, type BufferIO } from '../../templates/index.js';

/** How often the loop looks whether the buffer has ended (the original's 1/20 s). */
const POLL_MS = 50;
/** A frame is written at most this often: reading the files more often would be wasted. */
const MAX_FRAMES_PER_S = 10;

/** What a visualizer shows: the files' state now, or undefined while there is nothing (yet). */
export type VisualizerView = () => DisplayContent | undefined;

/**
 * Runs a visualizer (IsAlive, 1 observed buffer) that draws files an exporter writes: every
 * `updateIntervalS` seconds `view()` is published to a display named after the worker (also when
 * unchanged: a frame the display's rate held back goes out with the next), until the observed
 * buffer has ended and no process reads it any more (the exporter has written its files for the
 * last time); then the files are drawn once more and the worker ends.
 */
export async function runVisualizer(
  io: BufferIO,
  updateIntervalS: number,
  view: VisualizerView,
): Promise<void> {
  const isAlive = new IsAlive(io);
  const buffer = (io.observes[0] as BufferObserver).buffer;
  const display = io.display(io.name, { maxRateHz: MAX_FRAMES_PER_S });
  const intervalMs = Math.max(updateIntervalS, 1 / MAX_FRAMES_PER_S) * 1000;
  let nextUpdateMs = 0;
  for (;;) {
    // Decided before the files are read: what they hold then is final.
    const isDone = !isAlive.alive() && !buffer.hasLiveReaders();
    const now = performance.now();
    if (isDone || now >= nextUpdateMs) {
      const content = view();
      if (content !== undefined) display.publish(content);
      nextUpdateMs = now + intervalMs;
    }
    if (isDone) return;
    await sleep(POLL_MS);
  }
}
