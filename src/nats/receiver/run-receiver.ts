import type { Writer } from '../../buffer/index.js';
import { NatsError } from '../../errors.js';
import type { BufferIO } from '../../templates/index.js';
import { validateArity } from '../../templates/index.js';
import type { ResolvedNatsConfig } from '../config.js';
import { LAYOUT_HEADER, runOf } from '../headers.js';
import { ensureConsumer, ensureStream } from '../jetstream-objects.js';
import { refusal } from '../layout-check.js';
import { openStream, type OpenStream } from '../open-stream.js';
import { wireLayoutOf, type WireLayout } from '../wire-layout.js';
import { logLine, readNatsConfig } from '../worker-setup.js';
import { commitEvents } from './commit.js';
import { CoreSource } from './core-source.js';
import { JetStreamSource } from './jetstream-source.js';
import type { IncomingMessage, MessageSource } from './message-source.js';
import { checkRunOver, waitForRun, type RunEnd, type RunWatchContext } from './run-watch.js';

const FUNCTION = 'importers.nats';

/** What a receiver took in its run. */
interface Taken {
  messages: number;
  events: number;
  redelivered: number;
  /** Events of an earlier run that were still in the stream: removed, not committed. */
  stale: number;
}

/**
 * importers.nats: fills its sink with the events of a NATS stream (docs/multi-host.md). It waits
 * for a run of the stream, commits each message's events to the sink before acknowledging it,
 * and ends when every sender of the run has ended and nothing is left for it.
 */
export async function runReceiver(io: BufferIO): Promise<void> {
  validateArity(io, FUNCTION, { sources: 0, sinks: 1, observes: 0 });
  const writer = io.sinks[0] as Writer;
  const ring = writer.buffer;
  const config = readNatsConfig(io, ring.name, FUNCTION);
  const wire = wireLayoutOf(ring.layout);
  const user = {
    role: 'receiver',
    worker: io.name,
    processIndex: io.processIndex,
    bufferName: ring.name,
    wire,
    log: logLine,
  } as const;
  // As exporters.nats: problems show before the start, unless the server may come later.
  if (config.connectRetryS > 0) io.ready();
  const stream = await openStream(config, user);
  io.waitForGo();
  try {
    await receive(writer, config, wire, stream);
  } finally {
    io.shutdownSinks();
  }
}

async function receive(
  writer: Writer,
  config: ResolvedNatsConfig,
  wire: WireLayout,
  stream: OpenStream,
): Promise<void> {
  const { registry, link } = stream;
  const isJetStream = config.mode === 'jetstream';
  const taken: Taken = { messages: 0, events: 0, redelivered: 0, stale: 0 };
  let run: number | null = null;
  registry.startBeating(() => ({ run, ...progress(taken) }));
  const watch: RunWatchContext = {
    registry,
    stream: config.stream,
    isJetStream,
    storedMessages: stream.storedMessages,
    isStopRequested: () => writer.isStopRequested,
    log: logLine,
  };
  run = (await waitForRun(watch)) ?? null;
  if (run === null) {
    await finish(stream, taken, run, undefined, 'a stop was requested before any run');
    return;
  }
  await registry.write({ state: 'live', run });
  logLine(
    `taking the events of stream '${config.stream}' (subject ${config.subject}, ${config.mode} mode, run ${run}) ` +
      `into buffer '${writer.buffer.name}' through nats-server ${link.server}`,
  );
  const source: MessageSource = isJetStream
    ? new JetStreamSource({
        link,
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
      })
    : new CoreSource(link, config.subject, config.consumer, wire.eventBytes);
  const check = { config, wire, bufferName: writer.buffer.name };
  const gone = new Set<string>();
  let lastMessageMs = performance.now();
  let end: RunEnd | undefined;
  let stopped = false;
  try {
    for (;;) {
      const message = await source.next();
      if (message === undefined) break;
      if (message === 'idle') {
        if (writer.isStopRequested) {
          stopped = true;
          break;
        }
        end = await checkRunOver(watch, run, taken.events, performance.now() - lastMessageMs, gone);
        if (end !== undefined) break;
        continue;
      }
      lastMessageMs = performance.now();
      const events = checkMessage(message, check);
      const messageRun = runOf(message.headers);
      if (messageRun !== run) {
        if (messageRun < run) {
          // Left over from an earlier run, which the next sending run did not remove in time.
          taken.stale += events;
          source.done(message);
          continue;
        }
        source.giveBack(message, events);
        end = { reason: 'next', sent: 0, taken: taken.events };
        break;
      }
      const committed = await commitEvents(writer, message.data, wire.eventBytes);
      if (committed < events) {
        source.giveBack(message, events - committed);
        taken.events += committed;
        stopped = true;
        break;
      }
      taken.messages++;
      taken.events += events;
      if (message.isRedelivered) {
        taken.redelivered += events;
        writer.countRedelivered(events);
      }
      source.done(message);
    }
  } finally {
    await source.stop();
  }
  const why = stopped ? 'a stop was requested' : undefined;
  await finish(stream, taken, run, end, why, source.droppedEvents);
}

/** The events in a message, after checking that they are this buffer's: else a NatsError. */
function checkMessage(
  message: IncomingMessage,
  check: { config: ResolvedNatsConfig; wire: WireLayout; bufferName: string },
): number {
  const layout = message.headers?.get(LAYOUT_HEADER) ?? '';
  const run = runOf(message.headers);
  if (Number.isNaN(run) || layout === '')
    throw new NatsError(
      `a message on subject ${check.config.subject} has no ${Number.isNaN(run) ? 'run' : 'layout'} header: ` +
        `only exporters.nats may publish to the subject of stream '${check.config.stream}'`,
    );
  if (layout !== check.wire.text)
    throw refusal({ stream: check.config.stream, bufferName: check.bufferName, wire: check.wire }, layout);
  const events = message.data.length / check.wire.eventBytes;
  if (!Number.isInteger(events))
    throw new NatsError(
      `a message of stream '${check.config.stream}' holds ${message.data.length} bytes, not a whole number ` +
        `of ${check.wire.eventBytes}-byte events`,
    );
  return events;
}

function progress(taken: Taken): { messages: number; events: number; redelivered: number } {
  return { messages: taken.messages, events: taken.events, redelivered: taken.redelivered };
}

async function finish(
  stream: OpenStream,
  taken: Taken,
  run: number | null,
  end: RunEnd | undefined,
  why: string | undefined,
  dropped = 0,
): Promise<void> {
  stream.registry.stopBeating();
  await stream.registry.write({ state: 'ended', run, ...progress(taken) });
  const parts = [`committed ${taken.events} events of ${taken.messages} messages`];
  if (run !== null) parts.push(`of run ${run}`);
  if (taken.redelivered > 0) parts.push(`${taken.redelivered} of them delivered a second time`);
  if (taken.stale > 0) parts.push(`removed ${taken.stale} events of an earlier run uncommitted`);
  if (dropped > 0) parts.push(`dropped ${dropped} events it could not keep up with (core mode)`);
  if (end?.reason === 'next') parts.push('ended because the next run began');
  if (end !== undefined && end.sent > end.taken)
    parts.push(`its senders sent ${end.sent} events and its receivers committed ${end.taken}`);
  if (why !== undefined) parts.push(`ended because ${why}`);
  logLine(parts.join('; '));
  await stream.link.nc.drain();
}
