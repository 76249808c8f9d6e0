import type { Writer } from '../../buffer/index.js';
import type { BufferIO } from '../../templates/index.js';
import { validateArity } from '../../templates/index.js';
import type { ResolvedNatsConfig } from '../config/index.js';
import type { OpenStream } from '../open-stream.js';
import type { WireLayout } from '../wire-layout.js';
import { cpuText, logLine, startNatsWorker } from '../worker-setup.js';
import { makeSource } from './make-source.js';
import { StatusDisplay } from '../status-display.js';
import type { MessageSource } from './message-source.js';
import { waitForRun, type RunEnd, type RunWatchContext } from './run-watch.js';
import { takeRun, type Taken } from './take-run.js';

const FUNCTION = 'importers.nats';

/**
 * importers.nats: fills its sink with the events of a NATS stream (docs/multi-host.md). It waits
 * for a run of the stream, commits each message's events to the sink before acknowledging it,
 * and ends when every sender of the run has ended and nothing is left for it.
 */
export async function runReceiver(io: BufferIO): Promise<void> {
  validateArity(io, FUNCTION, { sources: 0, sinks: 1, observes: 0 });
  const writer = io.sinks[0] as Writer;
  const { config, wire, stream } = await startNatsWorker(io, 'receiver', writer.buffer, FUNCTION);
  // A source: it writes its first event only once every worker of the run is ready.
  io.waitForGo();
  try {
    await receive(io, writer, config, wire, stream);
  } finally {
    io.shutdownSinks();
  }
}

async function receive(
  io: BufferIO,
  writer: Writer,
  config: ResolvedNatsConfig,
  wire: WireLayout,
  stream: OpenStream,
): Promise<void> {
  const { registry, link } = stream;
  const taken: Taken = { messages: 0, events: 0, redelivered: 0, stale: 0 };
  let run: number | null = null;
  registry.startBeating(() => ({ run, ...progress(taken) }));
  // Core NATS keeps nothing: subscribe before the run starts, or its first messages pass by.
  let source: MessageSource | undefined =
    config.mode === 'core' ? makeSource(config, stream, wire) : undefined;
  const watch: RunWatchContext = {
    registry,
    stream: config.stream,
    isJetStream: config.mode === 'jetstream',
    storedMessages: stream.storedMessages,
    hasEventsOf: async (run) =>
      config.mode === 'core' ? source?.waitingRun() === run : (await stream.storedMessages()) > 0,
    isStopRequested: () => writer.isStopRequested,
    log: logLine,
  };
  let end: RunEnd | undefined;
  let cpuStart: NodeJS.CpuUsage | undefined;
  const display = new StatusDisplay(
    io,
    link,
    `importers.nats '${io.name}' <- stream ${config.stream}`,
    () => [
      [
        'stream',
        `${config.stream} (subject ${config.subject}, ${config.mode} mode, consumer ${config.consumer}), ` +
          (run === null ? 'waiting for a sender' : `run ${run}`),
      ],
      [
        'committed',
        `${taken.events} events of ${taken.messages} messages` +
          (taken.redelivered > 0 ? ` (${taken.redelivered} delivered a second time)` : '') +
          ((source?.droppedEvents ?? 0) > 0
            ? `; dropped ${source?.droppedEvents} (too slow for core mode)`
            : ''),
      ],
    ],
  );
  try {
    run = (await waitForRun(watch)) ?? null;
    if (run !== null) {
      await registry.writeSurely({ state: 'live', run });
      logLine(
        `taking the events of stream '${config.stream}' (subject ${config.subject}, ${config.mode} mode, ` +
          `run ${run}) into buffer '${writer.buffer.name}' through nats-server ${link.server}`,
      );
      source ??= makeSource(config, stream, wire);
      cpuStart = process.cpuUsage();
      end = await takeRun({ config, wire, writer, source, watch, taken }, run);
    }
  } finally {
    await source?.stop();
    display.close();
  }
  await finish(stream, taken, run, end, source?.droppedEvents ?? 0, cpuStart);
}

function progress(taken: Taken): { messages: number; events: number; redelivered: number } {
  return { messages: taken.messages, events: taken.events, redelivered: taken.redelivered };
}

async function finish(
  stream: OpenStream,
  taken: Taken,
  run: number | null,
  end: RunEnd | undefined,
  dropped: number,
  cpuStart: NodeJS.CpuUsage | undefined,
): Promise<void> {
  stream.registry.stopBeating();
  await stream.registry.writeSurely({ state: 'ended', run, ...progress(taken) });
  const parts = [`committed ${taken.events} events of ${taken.messages} messages`];
  if (run !== null) parts.push(`of run ${run}`);
  if (taken.redelivered > 0) parts.push(`${taken.redelivered} of them delivered a second time`);
  if (taken.stale > 0) parts.push(`removed ${taken.stale} events of an earlier run uncommitted`);
  if (dropped > 0) parts.push(`dropped ${dropped} events it could not keep up with (core mode)`);
  if (end === undefined)
    parts.push(run === null ? 'a stop was requested before any run' : 'ended because a stop was requested');
  else if (end.reason === 'next') parts.push('ended because the next run began');
  if (end?.isCore === true && end.sent > end.taken)
    parts.push(
      `core mode: the senders sent ${end.sent} events, the receivers took ${end.taken}: ${end.sent - end.taken} were lost`,
    );
  if (cpuStart !== undefined) parts.push(`${cpuText(cpuStart)} while receiving`);
  logLine(parts.join('; '));
  await stream.link.nc.drain();
}
