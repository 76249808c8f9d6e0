import type { Writer } from '../../buffer/index.js';

/**
 * Commits the events of one message to the sink, each into a slot of its own. A full sink is
 * waited for briefly (about a millisecond, blocking), then in the thread pool, so the event loop
 * runs meanwhile. Returns how many it committed: all of them, or fewer when a stop was requested
 * (the rest is not taken).
 */
export async function commitEvents(writer: Writer, data: Uint8Array, eventBytes: number): Promise<number> {
  const count = data.length / eventBytes;
  for (let i = 0; i < count; i++) {
    let slot = writer.acquireBriefly();
    while (slot === undefined) {
      await writer.waitForSlot();
      slot = writer.tryAcquire();
    }
    if (slot === null) {
      writer.flush();
      return i;
    }
    const start = i * eventBytes;
    slot.bytes.set(data.subarray(start, start + eventBytes));
    writer.commit(false);
  }
  writer.flush();
  return count;
}
