import { declarePrebuilt } from '../declaration/index.js';
import { checkNatsConfig, NATS_CONFIG_KEYS } from '../../nats/config/index.js';
import { NATS_NODE_FLAGS } from '../../nats/node-flags.js';

export const natsExporterDeclaration = declarePrebuilt({
  name: 'exporters.nats',
  module: new URL('./nats.js', import.meta.url),
  exportName: 'nats',
  nodeFlags: NATS_NODE_FLAGS,
  template: 'Exporter',
  summary: 'sends every event of its source to a NATS stream, for importers.nats on other hosts',
  description:
    'The end of a chain on one host whose buffer goes on on other hosts (docs/multi-host.md): it packs ' +
    'the events of its source into messages (as many as fit, sent at the latest flush_ms after the first) ' +
    'and publishes them to a JetStream stream, which it makes when missing. It registers in the ' +
    "stream's registry, joins the stream's current run or starts the next one, and at the end of its " +
    'source waits until the server has stored every message, then marks itself ended: the receivers end ' +
    'once every sender has. While the server is away it keeps what it sent until stored, reads no more, ' +
    'and the source buffer takes the back-pressure; the log says so. A stream whose layout differs from ' +
    'the source buffer is refused before the start.',
  buffers: {
    sources: { count: 1, note: 'its data_length and data_dtype must be those of the stream' },
    sinks: { count: 0 },
    observes: { count: 0 },
  },
  configs: NATS_CONFIG_KEYS,
  check: (worker, report) => checkNatsConfig(worker, worker.sources[0]?.name ?? '', report),
  example: `Buffers:
  accepted: {slot_count: 128, data_length: 1000, data_dtype: {ch1: f4}}
Workers:
  send:
    function: exporters.nats
    sources: [accepted]
    config: {servers: "nats://daq-server:4222", stream: DAQ, subject: daq.accepted}
`,
});
