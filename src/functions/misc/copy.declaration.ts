import { declarePrebuilt } from '../declaration/index.js';

export const copyDeclaration = declarePrebuilt({
  name: 'misc.copy',
  module: new URL('./copy.js', import.meta.url),
  exportName: 'copy',
  template: 'Filter',
  summary: 'copies every event of its source to each of its sinks',
  description:
    'Several workers that read one buffer share its events; to give each consumer every event, copy ' +
    'the buffer into one sink per consumer. Every event goes to every sink unchanged, metadata ' +
    'included.',
  buffers: {
    sources: { count: 1 },
    sinks: { count: { min: 1 }, sameAsSource: true },
    observes: { count: 0 },
  },
  configs: {},
  example: `Buffers:
  pulses: {slot_count: 128, data_length: 1, data_dtype: {height: f4}}
  pulses_for_csv: {slot_count: 128, data_length: 1, data_dtype: {height: f4}}
  pulses_for_histogram: {slot_count: 128, data_length: 1, data_dtype: {height: f4}}
Workers:
  copy:
    function: misc.copy
    sources: [pulses]
    sinks: [pulses_for_csv, pulses_for_histogram]
`,
});
