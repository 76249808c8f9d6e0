import type { BufferIO } from '../../templates/index.js';
import { runSender } from '../../nats/index.js';

/** exporters.nats: sends every event of its source to a NATS stream (1 source, 0 sinks). */
export async function nats(io: BufferIO): Promise<void> {
  await runSender(io);
}
