import type { ResolvedNatsConfig } from '../config/index.js';
import { ensureConsumer, ensureStream } from '../jetstream-objects.js';
import type { OpenStream } from '../open-stream.js';
import type { WireLayout } from '../wire-layout.js';
import { logLine } from '../worker-setup.js';
import { CoreSource } from './core-source.js';
import { JetStreamSource } from './jetstream-source.js';
import type { MessageSource } from './message-source.js';

/** The receiver's messages: the stream's work-queue consumer, or a core queue subscription. */
export function makeSource(config: ResolvedNatsConfig, stream: OpenStream, wire: WireLayout): MessageSource {
  if (config.mode === 'core')
    return new CoreSource(stream.link, config.subject, config.consumer, wire.eventBytes);
  return new JetStreamSource({
    link: stream.link,
    ackWaitS: config.ackWaitS,
    messageBytes: stream.maxBatchBytes,
    log: logLine,
    consumer: async () => {
      try {
        return await stream.js.consumers.get(config.stream, config.consumer);
      } catch (error) {
        // The server lost them (memory storage, restarted): make them again.
        await ensureStream(stream.jsm, config);
        await ensureConsumer(stream.jsm, config);
        throw error;
      }
    },
  });
}
