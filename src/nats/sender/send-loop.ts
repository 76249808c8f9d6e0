import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Reader } from '../../buffer/index.js';
import type { EventBatcher } from './event-batcher.js';
import type { Publisher } from './publisher.js';

/**
 * Reads the source to its end and sends its events: as many per message as are there (up to the
 * batcher's capacity), and a message goes out at the latest `flushMs` (plus a millisecond or
 * two) after its first event was read. Returns once every message is stored (jetstream) or
 * written out (core).
 *
 * While a message fills, the source is read with brief blocking waits (about a millisecond); an
 * idle source is waited for in the thread pool. Either way the event loop (acknowledgements,
 * the registry) runs between waits and after every message.
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
    await yieldToEventLoop();
  };
  for (;;) {
    const event = reader.pollBriefly();
    if (event === null) break;
    if (event === undefined) {
      if (batcher.count === 0) await reader.waitForEvents();
      else if (performance.now() - firstEventMs >= flushMs) await send();
      else await yieldToEventLoop();
      continue;
    }
    if (batcher.count === 0) firstEventMs = performance.now();
    batcher.add(event);
    if (batcher.isFull) await send();
  }
  if (batcher.count > 0) await send();
  await publisher.drain();
}
