import { computeLayout } from '../../buffer/index.js';
import { BenchError } from '../bench-error.js';
import { getOutcome, getResultNumber } from '../child-result.js';
import { getChildScript } from '../child-scripts.js';
import { natsServerUnavailable } from '../nats-server.js';
import type { RunContext, RunMeasurement, Scenario } from '../types.js';
import { B_DATA_LENGTH, B_FIELDS } from './b-chain-68k.js';

// What exporters.nats sends of a B event by default: its slot up to the end of its last field,
// as many per message as fit in max_batch_bytes (1 000 000), at most 16 MiB of messages on the way.
const MAX_BATCH_BYTES = 1_000_000;
const WINDOW_BYTES = 16 * 2 ** 20;

function bEventBytes(): number {
  const layout = computeLayout({ name: 'b', slotCount: 1, dataLength: B_DATA_LENGTH, fields: B_FIELDS });
  const last = layout.fields[layout.fields.length - 1];
  if (last === undefined) throw new BenchError('B has no fields');
  return last.offset + last.byteLength;
}

const EVENT_BYTES = bEventBytes();
const EVENTS_PER_MESSAGE = Math.floor(MAX_BATCH_BYTES / EVENT_BYTES);
const MESSAGE_BYTES = EVENTS_PER_MESSAGE * EVENT_BYTES;
const WINDOW = Math.max(2, Math.min(64, Math.floor(WINDOW_BYTES / MESSAGE_BYTES)));

async function probe(context: RunContext, mode: 'jetstream' | 'core'): Promise<RunMeasurement> {
  const messages = Math.ceil(context.events / EVENTS_PER_MESSAGE);
  const server = await context.startNatsServer();
  try {
    const args = (role: string) => [
      role,
      mode,
      server.url,
      String(MESSAGE_BYTES),
      String(messages),
      String(WINDOW),
    ];
    const script = getChildScript('nats-probe');
    const outcomes = await context.runChildren([
      { name: 'consumer', script, args: args('consume') },
      { name: 'publisher', script, args: args('publish'), startsOnGo: true },
    ]);
    const publisher = getOutcome(outcomes, 'publisher');
    const consumer = getOutcome(outcomes, 'consumer');
    const received = getResultNumber(consumer, 'received');
    const skewMs =
      getResultNumber(consumer, 'clock_offset_ms') - getResultNumber(publisher, 'clock_offset_ms');
    const seconds =
      (getResultNumber(consumer, 'last_received_ms') -
        skewMs -
        getResultNumber(publisher, 'first_publish_ms')) /
      1000;
    const events = received * EVENTS_PER_MESSAGE;
    return {
      events,
      seconds,
      extras: {
        mb_per_s: (received * MESSAGE_BYTES) / seconds / 1e6,
        message_bytes: MESSAGE_BYTES,
        messages_lost: messages - received,
        publisher_cpu_s: getResultNumber(publisher, 'cpu_s'),
        consumer_cpu_s: getResultNumber(consumer, 'cpu_s'),
      },
      problems: received === messages ? [] : [`the probe's consumer got ${received} of ${messages} messages`],
    };
  } finally {
    server.stop();
  }
}

function natsProbe(name: string, mode: 'jetstream' | 'core'): Scenario {
  return {
    name,
    title: `reference: the NATS client alone (${mode}), ${MESSAGE_BYTES}-byte messages (${EVENTS_PER_MESSAGE} B events) between two processes`,
    defaultEvents: 10_000,
    unavailable: natsServerUnavailable,
    runOnce: (context) => probe(context, mode),
  };
}

/** The bare NATS probe of N-68k: acknowledged JetStream publishes, pulled and acknowledged. */
export const natsProbe68k = natsProbe('ref-nats-68k', 'jetstream');
/** ... and of N-68k-core: plain publishes to a subscription. */
export const natsProbe68kCore = natsProbe('ref-nats-68k-core', 'core');
