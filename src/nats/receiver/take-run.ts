import type { Writer } from '../../buffer/index.js';
import { NatsError } from '../../errors.js';
import type { ResolvedNatsConfig } from '../config/index.js';
import { LAYOUT_HEADER, runOf } from '../headers.js';
import { refusal } from '../layout-check.js';
import type { WireLayout } from '../wire-layout.js';
import { commitEvents } from './commit.js';
import type { IncomingMessage, MessageSource } from './message-source.js';
import { checkRunOver, type RunEnd, type RunWatchContext } from './run-watch.js';

/** What a receiver took in its run. */
export interface Taken {
  messages: number;
  events: number;
  redelivered: number;
  /** Events of an earlier run that were still in the stream: removed, not committed. */
  stale: number;
}

export interface TakeRunContext {
  readonly config: ResolvedNatsConfig;
  readonly wire: WireLayout;
  readonly writer: Writer;
  readonly source: MessageSource;
  readonly watch: RunWatchContext;
  readonly taken: Taken;
}

/**
 * Commits the events of run `run` to the sink, message by message, and lets the stream forget a
 * message only once all its events are committed. Ends when the run is over, when a later run
 * begins, or when a stop is requested (then returns undefined).
 */
export async function takeRun(context: TakeRunContext, run: number): Promise<RunEnd | undefined> {
  const { source, writer, taken, wire } = context;
  const gone = new Set<string>();
  let lastMessageMs = performance.now();
  for (;;) {
    const message = await source.next();
    if (message === undefined) return undefined;
    if (message === 'idle') {
      if (writer.isStopRequested) return undefined;
      const quietMs = performance.now() - lastMessageMs;
      const end = await checkRunOver(context.watch, run, taken.events, quietMs, gone);
      if (end !== undefined) return end;
      continue;
    }
    lastMessageMs = performance.now();
    const events = eventsIn(message, context);
    const messageRun = runOf(message.headers);
    if (messageRun < run) {
      // Left over from an earlier run, which the sender of this one did not remove in time.
      taken.stale += events;
      source.done(message);
      continue;
    }
    if (messageRun > run) {
      source.giveBack(message, events);
      return { reason: 'next', sent: 0, taken: taken.events };
    }
    const committed = await commitEvents(writer, message.data, wire.eventBytes);
    taken.events += committed;
    if (committed < events) {
      source.giveBack(message, events - committed);
      return undefined;
    }
    taken.messages++;
    if (message.isRedelivered) {
      taken.redelivered += events;
      writer.countRedelivered(events);
    }
    source.done(message);
  }
}

/** The events in a message, after checking that they are this buffer's: else a NatsError. */
function eventsIn(
  message: IncomingMessage,
  context: { config: ResolvedNatsConfig; wire: WireLayout; writer: Writer },
): number {
  const { config, wire } = context;
  const layout = message.headers?.get(LAYOUT_HEADER) ?? '';
  const run = runOf(message.headers);
  if (Number.isNaN(run) || layout === '')
    throw new NatsError(
      `a message on subject ${config.subject} has no ${Number.isNaN(run) ? 'run' : 'layout'} header: ` +
        `only exporters.nats may publish to the subject of stream '${config.stream}'`,
    );
  if (layout !== wire.text)
    throw refusal({ stream: config.stream, bufferName: context.writer.buffer.name, wire }, layout);
  const events = message.data.length / wire.eventBytes;
  if (!Number.isInteger(events))
    throw new NatsError(
      `a message of stream '${config.stream}' holds ${message.data.length} bytes, not a whole number ` +
        `of ${wire.eventBytes}-byte events`,
    );
  return events;
}
