import { declarePrebuilt } from '../declaration/index.js';

export const drainDeclaration = declarePrebuilt({
  name: 'exporters.drain',
  module: new URL('./drain.js', import.meta.url),
  exportName: 'drain',
  template: 'Exporter',
  summary: 'reads every event of its source and does nothing with it',
  description:
    'Takes every event of its source and throws it away, so that the buffer never fills up: the end ' +
    'of a chain whose events are only looked at by observers, or a stand-in while the real ' +
    'exporter is being written.',
  buffers: {
    sources: { count: 1 },
    sinks: { count: 0 },
    observes: { count: 0 },
  },
  configs: {},
  example: `Buffers:
  pulses: {slot_count: 128, data_length: 1, data_dtype: {height: f4}}
Workers:
  drain:
    function: exporters.drain
    sources: [pulses]
`,
});
