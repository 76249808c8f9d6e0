import { declarePrebuilt, types } from '../declaration/index.js';
import { checkReplayFile, REPLAY_BUFFERS, REPLAY_FILENAME } from './replay.js';

export const simulateImporterDeclaration = declarePrebuilt({
  name: 'data.simulate_importer',
  module: new URL('./simulate-importer.js', import.meta.url),
  exportName: 'simulate_importer',
  template: 'Importer',
  summary: 'replays a .mimo file with its recorded timing',
  description:
    'Puts the events of a .mimo file (written by data.export) into its sink, each after the gap ' +
    'between its recorded timestamp and the previous one (divided by speedup; events recorded out ' +
    'of order go at once), so that a chain can be tried on real data without the detector. Like ' +
    'the original it gives the events fresh metadata (counter, timestamp, dead time); keep_metadata ' +
    'keeps the recorded ones. Ends when the file ends (the original does not loop either). The file ' +
    'is checked against the sink before the start; a .mimo file of the Python mimoCoRB2 must be ' +
    'converted once with scripts/mimofile.py (the message gives the command).',
  buffers: REPLAY_BUFFERS,
  configs: {
    filename: REPLAY_FILENAME,
    speedup: {
      type: types.number({ min: 0 }),
      default: 1,
      meaning: 'how many times faster than recorded; 0 replays as fast as the chain takes the events',
    },
    keep_metadata: {
      type: types.boolean,
      default: false,
      meaning: 'keep the recorded counter, timestamp and dead time instead of fresh ones',
    },
  },
  example: `Buffers:
  raw: {slot_count: 128, data_length: 4250, data_dtype: {chA: f4, chB: f4}}
Workers:
  replay:
    function: data.simulate_importer
    sinks: [raw]
    config: {filename: raw.mimo, speedup: 2}
  drain:
    function: exporters.drain
    sources: [raw]
`,
  check: checkReplayFile,
});
