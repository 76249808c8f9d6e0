import { declarePrebuilt } from '../declaration/index.js';
import { ACK_WAIT_KEY, checkNatsConfig, NATS_CONFIG_KEYS } from '../../nats/config/index.js';
import { NATS_NODE_FLAGS } from '../../nats/node-flags.js';

export const natsImporterDeclaration = declarePrebuilt({
  name: 'importers.nats',
  module: new URL('./nats.js', import.meta.url),
  exportName: 'nats',
  nodeFlags: NATS_NODE_FLAGS,
  template: 'Importer',
  summary: 'fills its sink with the events of a NATS stream that exporters.nats sends',
  description:
    'The start of a chain whose events come from another host (docs/multi-host.md): it waits for a run ' +
    'of the stream, commits the events of each message to its sink and only then acknowledges the ' +
    'message, so a receiver that dies loses nothing: the server gives its messages to another receiver ' +
    'after ack_wait. Receivers with the same consumer name share the events, as processes share a ' +
    'buffer. It ends when every sender of its run has ended and the stream holds nothing more; a stop ' +
    '(--duration, Ctrl-C) ends it at once and leaves the rest in the stream. Messages of another layout ' +
    'are refused, never misread; events delivered a second time count as redelivered.',
  buffers: {
    sources: { count: 0 },
    sinks: { count: 1, note: 'its data_length and data_dtype must be those of the stream' },
    observes: { count: 0 },
  },
  configs: { ...NATS_CONFIG_KEYS, ...ACK_WAIT_KEY },
  check: (worker, report) => checkNatsConfig(worker, worker.sinks[0]?.name ?? '', report),
  example: `Buffers:
  accepted: {slot_count: 128, data_length: 1000, data_dtype: {ch1: f4}}
Workers:
  recv:
    function: importers.nats
    sinks: [accepted]
    config: {servers: "nats://daq-server:4222", stream: DAQ, subject: daq.accepted}
`,
});
