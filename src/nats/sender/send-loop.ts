import type { Reader } from '../../buffer/index.js';
import type { EventBatcher } from './event-batcher.js';
import type { Publisher } from './publisher.js';

/** Resolves when `promise` does or after `ms`, whichever is first (the promise goes on). */
function within(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Reads the source to its end and sends its events: as many per message as are there (up to the
 * batcher's capacity), and a message goes out at the latest `flushMs` after its first event was
 * read. Returns once every message is stored (jetstream) or written out (core).
 */
export async function sendEvents(
  reader: Reader,
  batcher: EventBatcher,
  publisher: Publisher,
  flushMs: number,
): Promise<void> {
  let firstEventMs = 0;
  const send = async () => {
    // The slots read so far go back before a wait, so the writers upstream can go on meanwhile.
    reader.flush();
    await publisher.waitForRoom();
    publisher.send(batcher.take());
  };
  for (;;) {
    const event = reader.poll();
    if (event === null) break;
    if (event === undefined) {
      if (batcher.count === 0) {
        await reader.waitForEvents();
        continue;
      }
      const leftMs = firstEventMs + flushMs - performance.now();
      if (leftMs <= 0) await send();
      else await within(reader.waitForEvents(), leftMs);
      continue;
    }
    if (batcher.count === 0) firstEventMs = performance.now();
    batcher.add(event);
    if (batcher.isFull) await send();
  }
  if (batcher.count > 0) await send();
  await publisher.drain();
}
