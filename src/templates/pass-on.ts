import type { SlotView, Writer } from '../buffer/index.js';

/**
 * Copies an event (metadata and data, one block of bytes) into a new slot of a sink with the same
 * layout. The token waits in the process's outbox: the next blocking read writes it, so a batch
 * of events taken in one read goes on in one write. Skips a sink that was asked to stop.
 */
export function passOn(sink: Writer, event: SlotView): void {
  const slot = sink.acquire();
  if (slot === null) return;
  slot.bytes.set(event.bytes);
  sink.commit(false);
}
