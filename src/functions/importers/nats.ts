import type { BufferIO } from '../../templates/index.js';
import { runReceiver } from '../../nats/index.js';

/** importers.nats: fills its sink with the events of a NATS stream (0 sources, 1 sink). */
export async function nats(io: BufferIO): Promise<void> {
  await runReceiver(io);
}
