// Reference probe of the NATS scenarios: the NATS client alone, moving messages of the size the
// split chain sends from one process to another through the same nats-server. No ring buffers,
// no copies of our own, no headers.
//   publish: JetStream publishes with acknowledgement, at most <window> on the way (core: plain
//            publishes, a flush after each window), then an end marker (core).
//   consume: (first makes the work-queue stream and its consumer) JetStream pulls of about
//            8 MiB, each message acknowledged (core: a subscription).
// argv: <publish|consume> <jetstream|core> <server url> <bytes per message> <messages> <window>
import { AckPolicy, jetstream, jetstreamManager, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  awaitGo,
  clockOffsetMs,
  cpuSecondsSince,
  failChild,
  getCountArg,
  getStringArg,
  nowMs,
  sendReady,
  sendResult,
  startParentWatchdog,
} from './protocol.js';

const STREAM = 'PROBE';
const SUBJECT = 'probe.data';
const END_SUBJECT = 'probe.end';
const FETCH_BYTES = 8 * 2 ** 20;

startParentWatchdog();
const role = getStringArg(0, '<publish|consume>');
const mode = getStringArg(1, '<jetstream|core>');
const url = getStringArg(2, '<server url>');
const bytes = getCountArg(3, '<bytes per message>');
const messages = getCountArg(4, '<messages>');
const window = getCountArg(5, '<window>');
if (role !== 'publish' && role !== 'consume') failChild(`role must be publish or consume, got ${role}`);
if (mode !== 'jetstream' && mode !== 'core') failChild(`mode must be jetstream or core, got ${mode}`);

const nc = await connect({ servers: url });
if (role === 'consume') await consume(nc);
else await publish(nc);
await nc.close();

async function publish(connection: NatsConnection): Promise<void> {
  const js = jetstream(connection);
  const payload = new Uint8Array(bytes).fill(7);
  sendReady();
  awaitGo();
  const cpuStart = process.cpuUsage();
  const firstMs = nowMs();
  if (mode === 'jetstream') {
    const onTheWay = new Set<Promise<unknown>>();
    for (let i = 0; i < messages; i++) {
      const ack: Promise<unknown> = js.publish(SUBJECT, payload).then(() => onTheWay.delete(ack));
      onTheWay.add(ack);
      if (onTheWay.size >= window) await Promise.race(onTheWay);
    }
    await Promise.all(onTheWay);
  } else {
    for (let i = 0; i < messages; i++) {
      connection.publish(SUBJECT, payload);
      if ((i + 1) % window === 0) await connection.flush();
    }
    connection.publish(END_SUBJECT);
    await connection.flush();
  }
  sendResult({
    first_publish_ms: firstMs,
    cpu_s: cpuSecondsSince(cpuStart),
    clock_offset_ms: clockOffsetMs(),
  });
}

async function consume(connection: NatsConnection): Promise<void> {
  let received = 0;
  let lastMs = 0;
  let cpuStart: NodeJS.CpuUsage | undefined;
  const take = () => {
    cpuStart ??= process.cpuUsage();
    received++;
    lastMs = nowMs();
  };
  if (mode === 'jetstream') {
    const jsm = await jetstreamManager(connection);
    await jsm.streams.add({
      name: STREAM,
      subjects: [SUBJECT],
      retention: RetentionPolicy.Workqueue,
      storage: StorageType.File,
    });
    await jsm.consumers.add(STREAM, {
      durable_name: STREAM,
      ack_policy: AckPolicy.Explicit,
      max_ack_pending: 1000,
    });
    const consumer = await jetstream(connection).consumers.get(STREAM, STREAM);
    sendReady();
    const perPull = Math.max(2, Math.min(256, Math.floor(FETCH_BYTES / bytes)));
    while (received < messages) {
      const batch = await consumer.fetch({ max_messages: perPull, expires: 5000 });
      for await (const message of batch) {
        message.ack();
        take();
      }
    }
  } else {
    const done = new Promise<void>((resolve) => {
      connection.subscribe(SUBJECT, { callback: () => take() });
      connection.subscribe(END_SUBJECT, { callback: () => resolve() });
    });
    await connection.flush();
    sendReady();
    await done;
  }
  await connection.flush();
  sendResult({
    received,
    last_received_ms: lastMs,
    cpu_s: cpuStart === undefined ? 0 : cpuSecondsSince(cpuStart),
    clock_offset_ms: clockOffsetMs(),
  });
}
