// The config keys exporters.nats and importers.nats declare in the registry of prebuilt
// functions (docs/functions.md): the same keys on both sides of a stream. The defaults are
// config.ts's, which also resolves them at run time.
import {
  types,
  type CheckReport,
  type ConfigKey,
  type WorkerShape,
} from '../../functions/declaration/index.js';
import {
  DEFAULT_ACK_WAIT_S,
  DEFAULT_FLUSH_MS,
  DEFAULT_MAX_BATCH_BYTES,
  DEFAULT_MAX_BATCH_EVENTS,
  DEFAULT_SERVER,
  resolveNatsConfig,
} from './resolve.js';

const name = (what: string) =>
  types.refine(types.string(), `${what} of letters, digits, - and _`, (value) =>
    /^[A-Za-z0-9_-]+$/.test(value)
      ? undefined
      : {
          path: [],
          message: `expected ${what} of letters, digits, - and _, got string ${JSON.stringify(value)}`,
        },
  );

const filePath = types.filePath;

/** The keys both functions take. */
export const NATS_CONFIG_KEYS = {
  servers: {
    type: types.refine(
      types.oneOf([types.string(), types.list(types.string(), { minLength: 1 })]),
      'a server URL such as nats://daq-server:4222, or a list of them',
      () => undefined,
    ),
    meaning: 'the nats-server to use; a list names several servers of one NATS cluster',
    default: DEFAULT_SERVER,
  },
  stream: {
    type: name('a stream name'),
    meaning: 'the JetStream stream (and registry) that carries the buffer: the same on both hosts',
    defaultText: "the buffer's name ('.' becomes '_')",
  },
  subject: {
    type: types.string(),
    meaning: 'the NATS subject of its messages',
    defaultText: 'mimocorb2.<stream>',
  },
  mode: {
    type: types.string(['jetstream', 'core'] as const),
    meaning:
      'jetstream: stored, acknowledged, nothing lost (at least once); core: plain NATS, fastest, a slow or absent receiver misses events (counted)',
    default: 'jetstream',
  },
  consumer: {
    type: name('a consumer name'),
    meaning: 'receivers with the same consumer name share the events (each event to one of them)',
    defaultText: "the stream's name",
  },
  storage: {
    type: types.string(['file', 'memory'] as const),
    meaning:
      'where a stream made by this worker keeps its messages (memory does not survive a server restart)',
    default: 'file',
  },
  max_batch_events: {
    type: types.integer({ min: 1 }),
    meaning: 'events per message at most',
    default: DEFAULT_MAX_BATCH_EVENTS,
  },
  max_batch_bytes: {
    type: types.integer({ min: 1024 }),
    meaning: "bytes of events per message at most (and never more than the server's max_payload allows)",
    default: DEFAULT_MAX_BATCH_BYTES,
  },
  flush_ms: {
    type: types.number({ min: 0 }),
    meaning: 'a message goes out at the latest this long after its first event was read',
    default: DEFAULT_FLUSH_MS,
  },
  user: { type: types.string(), meaning: 'log in as this user (with password)' },
  password: { type: types.string(), meaning: "the user's password" },
  token: { type: types.string(), meaning: 'log in with this token' },
  credentials: { type: filePath, meaning: 'log in with this .creds file (NATS accounts, nsc)' },
  tls: {
    type: types.oneOf([
      types.boolean,
      types.mapping(filePath, 'a mapping of ca, cert and key files', { minEntries: 1 }),
    ]),
    meaning:
      'true for TLS with the system CAs, or {ca, cert, key}: files of the CA and of a client certificate',
  },
  connect_retry: {
    type: types.number({ min: 0 }),
    meaning:
      'seconds to keep trying to reach the server at start (0: a server that is not there fails the start)',
    default: 0,
  },
} satisfies Record<string, ConfigKey>;

/** What only importers.nats takes. */
export const ACK_WAIT_KEY = {
  ack_wait: {
    type: types.number({ min: 1 }),
    meaning:
      "seconds before a message a receiver took and did not acknowledge goes to another receiver (after a receiver's crash)",
    default: DEFAULT_ACK_WAIT_S,
  },
} satisfies Record<string, ConfigKey>;

/** The checks across keys (login, TLS files) that the key types cannot make. */
export function checkNatsConfig(worker: WorkerShape, buffer: string, report: CheckReport): void {
  const { problems } = resolveNatsConfig(worker.config, buffer, worker.setupDir);
  for (const problem of problems) {
    const [key, ...path] = problem.key.split('.');
    report.error({ config: key as string, ...(path.length > 0 ? { path } : {}) }, problem.message);
  }
}
