// The config of exporters.nats and importers.nats, apart from the NATS client, so that control
// (which checks the config) never loads the client.
export {
  DEFAULT_ACK_WAIT_S,
  DEFAULT_FLUSH_MS,
  DEFAULT_MAX_BATCH_BYTES,
  DEFAULT_MAX_BATCH_EVENTS,
  DEFAULT_SERVER,
  resolveNatsConfig,
  streamNameFor,
  type NatsConfigInput,
  type NatsConfigProblem,
  type NatsMode,
  type NatsStorage,
  type NatsTlsFiles,
  type ResolvedNatsConfig,
} from './resolve.js';
export { ACK_WAIT_KEY, checkNatsConfig, NATS_CONFIG_KEYS } from './keys.js';
