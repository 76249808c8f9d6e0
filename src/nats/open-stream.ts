import { hostname } from 'node:os';
import { jetstream, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { NatsError } from '../errors.js';
import type { ResolvedNatsConfig } from './config/index.js';
import { connectToNats } from './connect.js';
import { ensureConsumer, ensureStream, openJetStream, openRegistryBucket } from './jetstream-objects.js';
import { checkLayout } from './layout-check.js';
import { NatsLink } from './link.js';
import { Registry, type Member } from './registry.js';
import { memberId, memberKey, registryBucketName, type MemberRole } from './registry-records.js';
import type { WireLayout } from './wire-layout.js';

/** Who opens the stream, for its registry entry and for messages. */
export interface StreamUser {
  readonly role: MemberRole;
  readonly worker: string;
  readonly processIndex: number;
  /** The buffer on this side: the exporter's source, the importer's sink. */
  readonly bufferName: string;
  readonly wire: WireLayout;
  readonly log: (line: string) => void;
}

/** A stream ready for use: connected, its objects made, this side's layout checked. */
export interface OpenStream {
  readonly link: NatsLink;
  readonly jsm: JetStreamManager;
  readonly js: JetStreamClient;
  readonly registry: Registry;
  /** This process's entry before it wrote it (live in a run when control restarted the process). */
  readonly before: Member | undefined;
  /** Bytes of events one message may carry: max_batch_bytes, or less to fit the server's max_payload. */
  readonly maxBatchBytes: number;
  /** Messages the stream holds now (0 in core mode). */
  readonly storedMessages: () => Promise<number>;
}

/**
 * Connects to nats-server and makes what the stream needs (stream and consumer in jetstream
 * mode, the registry bucket), registers this process, and checks that the stream's layout is
 * this side's. Throws a NatsError that says what to fix; closes the connection on failure.
 */
export async function openStream(config: ResolvedNatsConfig, user: StreamUser): Promise<OpenStream> {
  const host = hostname();
  const nc = await connectToNats(config, {
    name: `mimocorb2 ${user.worker}#${user.processIndex} (${user.role}) on ${host}`,
    log: user.log,
  });
  let registered: Registry | undefined;
  try {
    const link = new NatsLink(nc, user.log);
    const jsm = await openJetStream(nc, config);
    const isJetStream = config.mode === 'jetstream';
    if (isJetStream) await ensureStream(jsm, config);
    if (isJetStream && user.role === 'receiver') await ensureConsumer(jsm, config);
    const storedMessages = async () =>
      isJetStream ? (await jsm.streams.info(config.stream)).state.messages : 0;

    const headerBytes = Buffer.byteLength(user.wire.text) + 256;
    const maxPayload = nc.info?.max_payload ?? Infinity;
    if (user.wire.eventBytes + headerBytes > maxPayload)
      throw new NatsError(
        `an event of buffer '${user.bufferName}' takes ${user.wire.eventBytes} bytes, and nats-server ` +
          `${nc.getServer()} takes messages of at most ${maxPayload} bytes: raise max_payload in its ` +
          `config (e.g. max_payload: 8MB)`,
      );

    const kv = await openRegistryBucket(nc, config);
    const registry = new Registry(
      kv,
      registryBucketName(config.stream),
      memberKey(user.role, memberId(host, process.ppid, user.worker, user.processIndex)),
      {
        role: user.role,
        run: null,
        state: user.role === 'sender' ? 'starting' : 'waiting',
        host,
        pid: process.pid,
        worker: user.worker,
        process: user.processIndex,
        messages: 0,
        events: 0,
        redelivered: 0,
        last_seq: 0,
        beat: 0,
      },
      link,
      jsm,
    );
    const before = (await registry.read()).members.find((member) => member.key === registry.key);
    await registry.write({});
    registered = registry;
    await checkLayout(
      {
        registry,
        wire: user.wire,
        stream: config.stream,
        bufferName: user.bufferName,
        storedMessages,
        log: user.log,
      },
      await registry.read(),
    );
    link.onReconnect(() => registry.reconnected());
    return {
      link,
      jsm,
      js: jetstream(nc),
      registry,
      before,
      maxBatchBytes: Math.min(config.maxBatchBytes, maxPayload - headerBytes),
      storedMessages,
    };
  } catch (error) {
    // A refused process leaves no entry behind to be taken for a sender or receiver.
    if (registered !== undefined) await registered.kv.delete(registered.key).catch(() => undefined);
    await nc.close();
    throw error;
  }
}
