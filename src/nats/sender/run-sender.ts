import type { BufferIO } from '../../templates/index.js';
import { validateArity } from '../../templates/index.js';
import type { Reader } from '../../buffer/index.js';
import type { OpenStream } from '../open-stream.js';
import type { WireLayout } from '../wire-layout.js';
import { cpuText, logLine, startNatsWorker } from '../worker-setup.js';
import type { ResolvedNatsConfig } from '../config/index.js';
import { ensureStream } from '../jetstream-objects.js';
import { CorePublisher } from './core-publisher.js';
import { EventBatcher } from './event-batcher.js';
import { JetStreamPublisher } from './jetstream-publisher.js';
import type { Publisher } from './publisher.js';
import { sendEvents } from './send-loop.js';
import { StatusDisplay } from '../status-display.js';
import { joinOrStartRun } from './start-run.js';

const FUNCTION = 'exporters.nats';

/**
 * exporters.nats: sends every event of its source to a NATS stream (docs/multi-host.md). It
 * registers as a sender of the stream, joins or starts the stream's run, sends, and at the end of
 * its source waits until the server has stored every message, then marks itself ended.
 */
export async function runSender(io: BufferIO): Promise<void> {
  validateArity(io, FUNCTION, { sources: 1, sinks: 0, observes: 0 });
  const reader = io.sources[0] as Reader;
  const { config, wire, stream } = await startNatsWorker(io, 'sender', reader.buffer, FUNCTION);
  await send(io, reader, config, wire, stream);
}

async function send(
  io: BufferIO,
  reader: Reader,
  config: ResolvedNatsConfig,
  wire: WireLayout,
  stream: OpenStream,
): Promise<void> {
  const { registry, link } = stream;
  const ring = reader.buffer;
  const isJetStream = config.mode === 'jetstream';
  const run = await joinOrStartRun({
    registry,
    stream: config.stream,
    jsm: isJetStream ? stream.jsm : undefined,
    log: logLine,
    before: stream.before,
  });
  const batcher = new EventBatcher(ring, wire.eventBytes, config.maxBatchEvents, stream.maxBatchBytes);
  const common = { link, subject: config.subject, run, layoutText: wire.text, batcher, log: logLine };
  const publisher: Publisher = isJetStream
    ? new JetStreamPublisher({
        ...common,
        js: stream.js,
        stream: config.stream,
        backPressure: `buffer '${ring.name}' fills meanwhile and then holds up its writers (nothing is dropped)`,
        restoreStream: () => ensureStream(stream.jsm, config),
      })
    : new CorePublisher(common);
  const progress = () => ({
    messages: publisher.counts.messages,
    events: publisher.counts.events,
    last_seq: publisher.counts.lastSeq,
  });
  await registry.writeSurely({ state: 'live', run });
  registry.startBeating(progress);
  const display = new StatusDisplay(
    io,
    link,
    `exporters.nats '${io.name}' -> stream ${config.stream}`,
    () => {
      const { messages, events } = publisher.held;
      const stalled = publisher.stalledSeconds;
      return [
        ['stream', `${config.stream} (subject ${config.subject}, ${config.mode} mode), run ${run}`],
        ['sent', `${publisher.counts.events} events in ${publisher.counts.messages} messages`],
        [
          'on the way',
          `${messages} messages (${events} events)` +
            (stalled > 0
              ? `; NOT STORED for ${stalled.toFixed(1)} s: buffer '${ring.name}' holds up its writers`
              : ''),
        ],
      ];
    },
  );
  logLine(
    `sending the events of buffer '${ring.name}' to stream '${config.stream}' (subject ${config.subject}, ` +
      `${config.mode} mode, run ${run}; up to ${batcher.capacity} events per message) through nats-server ${link.server}`,
  );
  const cpuStart = process.cpuUsage();
  await sendEvents(reader, batcher, publisher, config.flushMs);
  display.close();
  registry.stopBeating();
  await registry.writeSurely({ state: 'ended', ...progress() });
  logLine(
    `sent ${publisher.counts.events} events in ${publisher.counts.messages} messages to stream '${config.stream}' (run ${run}); ${cpuText(cpuStart)} while sending`,
  );
  await link.nc.drain();
}
