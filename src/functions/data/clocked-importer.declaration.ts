import { declarePrebuilt, types } from '../declaration/index.js';
import { checkReplayFile, REPLAY_BUFFERS, REPLAY_FILENAME } from './replay.js';

export const clockedImporterDeclaration = declarePrebuilt({
  name: 'data.clocked_importer',
  module: new URL('./clocked-importer.js', import.meta.url),
  exportName: 'clocked_importer',
  template: 'Importer',
  summary: 'replays a .mimo file at a fixed or Poisson rate',
  description:
    'Puts the events of a .mimo file (written by data.export) into its sink at `rate` events per ' +
    'second, with fresh metadata: evenly spaced (uniform), or with exponential gaps of mean 1/rate ' +
    '(poisson), as a random source gives them. (The original draws poisson(1/rate) whole seconds ' +
    'for each gap, which is 0 for any rate above a few Hz, so its poisson mode sends as fast as ' +
    'it can.) Waits before each event, the first included. After a hold-up (a full buffer) of more ' +
    'than 0.1 s it goes on from then instead of sending the events it missed at once. Ends when the ' +
    'file ends (the original does not loop either).',
  buffers: REPLAY_BUFFERS,
  configs: {
    filename: REPLAY_FILENAME,
    rate: {
      type: types.number({ above: 0 }),
      required: true,
      meaning: 'events per second',
    },
    distribution: {
      type: types.string(['uniform', 'poisson']),
      default: 'uniform',
      meaning: 'uniform: every gap is 1/rate; poisson: exponential gaps of mean 1/rate',
    },
  },
  example: `Buffers:
  raw: {slot_count: 128, data_length: 4250, data_dtype: {chA: f4, chB: f4}}
Workers:
  input:
    function: data.clocked_importer
    sinks: [raw]
    config: {filename: raw.mimo, rate: 1000, distribution: poisson}
  drain:
    function: exporters.drain
    sources: [raw]
`,
  check: checkReplayFile,
});
