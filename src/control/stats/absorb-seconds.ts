import type { BufferSnapshot } from './snapshot.js';

/** Seconds of input the free slots can still take at the current rate (Infinity when idle). */
export function absorbSeconds(buffer: BufferSnapshot): number {
  const freeSlots = buffer.free * buffer.slotCount;
  return buffer.rate > 0 ? freeSlots / buffer.rate : Infinity;
}
