// The server-side objects a stream needs, made by whichever side comes first: the stream itself
// (jetstream mode), its work-queue consumer (receivers), and the registry bucket (both modes).
import {
  AckPolicy,
  DeliverPolicy,
  DiscardPolicy,
  JetStreamApiError,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
  type JetStreamManager,
  type StreamConfig,
} from '@nats-io/jetstream';
import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { NatsError } from '../errors.js';
import type { ResolvedNatsConfig } from './config/index.js';
import { registryBucketName } from './registry-records.js';

const STREAM_NAME_IN_USE = 10058;
const SUBJECTS_OVERLAP = 10065;
const CONSUMER_NOT_UNIQUE_ON_WORK_QUEUE = 10100;
/** How long the stream remembers message ids, so that a publish sent again after an outage is stored once. */
const DUPLICATE_WINDOW_NS = 10 * 60 * 1e9;
/** Messages a consumer may have delivered and not yet seen acknowledged, over all its receivers. */
const MAX_ACK_PENDING = 1000;

/** JetStream's manager, or a clear error when the server runs without JetStream. */
export async function openJetStream(
  nc: NatsConnection,
  config: ResolvedNatsConfig,
): Promise<JetStreamManager> {
  try {
    return await jetstreamManager(nc);
  } catch (error) {
    // The client's JetStreamNotEnabled error is not exported: known by its name.
    if (error instanceof Error && error.name === 'JetStreamNotEnabled')
      throw new NatsError(
        `nats-server ${nc.getServer()} runs without JetStream, which stream '${config.stream}' needs ` +
          `(also in core mode, for the registry of its senders): start it with -js (or jetstream {} in its config file)`,
        { cause: error },
      );
    throw error;
  }
}

function storageOf(config: ResolvedNatsConfig): StorageType {
  return config.storage === 'memory' ? StorageType.Memory : StorageType.File;
}

/**
 * Makes the work-queue stream of `config` unless it is there; refuses one made otherwise (another
 * subject, another retention), which would misplace or keep events.
 */
export async function ensureStream(jsm: JetStreamManager, config: ResolvedNatsConfig): Promise<void> {
  const wanted: Partial<StreamConfig> & { name: string } = {
    name: config.stream,
    subjects: [config.subject],
    retention: RetentionPolicy.Workqueue,
    // Should the stream be given limits, a full one refuses new messages (the senders wait and
    // send them again) rather than dropping old ones.
    discard: DiscardPolicy.New,
    storage: storageOf(config),
    duplicate_window: DUPLICATE_WINDOW_NS,
  };
  for (let attempt = 0; ; attempt++) {
    try {
      const info = await jsm.streams.info(config.stream);
      checkStream(info.config, config);
      return;
    } catch (error) {
      if (!(error instanceof JetStreamApiError) || error.code !== 10059) throw error;
    }
    try {
      await jsm.streams.add(wanted);
      return;
    } catch (error) {
      // Made by the other side at the same moment: look again.
      if (error instanceof JetStreamApiError && error.code === STREAM_NAME_IN_USE && attempt === 0) continue;
      if (error instanceof JetStreamApiError && error.code === SUBJECTS_OVERLAP)
        throw new NatsError(
          `subject '${config.subject}' already belongs to another stream than '${config.stream}' on this server; ` +
            `give stream '${config.stream}' a subject of its own (one stream per buffer)`,
          { cause: error },
        );
      throw error;
    }
  }
}

function checkStream(found: StreamConfig, config: ResolvedNatsConfig): void {
  if (!found.subjects.includes(config.subject))
    throw new NatsError(
      `stream '${config.stream}' carries subjects ${found.subjects.map((s) => `'${s}'`).join(', ')}, not '${config.subject}': ` +
        `set the subject it carries, or use another stream`,
    );
  if (found.retention !== RetentionPolicy.Workqueue)
    throw new NatsError(
      `stream '${config.stream}' keeps its messages by '${found.retention}' retention; mimocorb2 needs a work-queue ` +
        `stream (each event to one receiver, removed once committed): use another stream name`,
    );
}

/** Makes the receivers' shared consumer unless it is there (one per stream and subject). */
export async function ensureConsumer(jsm: JetStreamManager, config: ResolvedNatsConfig): Promise<void> {
  try {
    const info = await jsm.consumers.info(config.stream, config.consumer);
    if (info.config.filter_subject !== undefined && info.config.filter_subject !== config.subject)
      throw new NatsError(
        `consumer '${config.consumer}' of stream '${config.stream}' takes subject '${info.config.filter_subject}', ` +
          `not '${config.subject}': name another consumer`,
      );
    if (info.config.ack_wait !== config.ackWaitS * 1e9)
      await jsm.consumers.update(config.stream, config.consumer, { ack_wait: config.ackWaitS * 1e9 });
    return;
  } catch (error) {
    if (!(error instanceof JetStreamApiError) || error.code !== 10014) throw error;
  }
  try {
    await jsm.consumers.add(config.stream, {
      durable_name: config.consumer,
      filter_subject: config.subject,
      ack_policy: AckPolicy.Explicit,
      ack_wait: config.ackWaitS * 1e9,
      deliver_policy: DeliverPolicy.All,
      max_ack_pending: MAX_ACK_PENDING,
    });
  } catch (error) {
    if (error instanceof JetStreamApiError && error.code === CONSUMER_NOT_UNIQUE_ON_WORK_QUEUE)
      throw new NatsError(
        `stream '${config.stream}' is a work queue and another consumer already takes subject '${config.subject}'; ` +
          `receivers share its events under one consumer name: set consumer to that name`,
        { cause: error },
      );
    throw error;
  }
}

/** The registry bucket of the stream (file storage, one value per key), made if missing. */
export async function openRegistryBucket(nc: NatsConnection, config: ResolvedNatsConfig): Promise<KV> {
  return await new Kvm(nc).create(registryBucketName(config.stream), {
    history: 1,
    storage: StorageType.File,
  });
}
