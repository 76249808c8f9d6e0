import { declarePrebuilt } from '../declaration/index.js';
import { rotates, rotationConfigs } from '../files/index.js';

export const exportDeclaration = declarePrebuilt({
  name: 'data.export',
  module: new URL('./export.js', import.meta.url),
  exportName: 'export',
  template: 'Exporter',
  summary: 'records every event in <run directory>/<source buffer>.mimo',
  description:
    'Writes every event of its source, metadata and data, to <source buffer>.mimo in the run ' +
    'directory and passes it on unchanged to its sinks. A .mimo file is a JSON header, then one ' +
    'fixed-size record per event (docs/mimo-format.md); numpy reads it with ' +
    'scripts/mimofile.py, data.simulate_importer and data.clocked_importer replay it. Only whole ' +
    'records count, so a file whose writer was killed reads up to its last whole event. Records ' +
    'wait in a batch of up to 256 KiB, written whenever the exporter has caught up with its source ' +
    "and after a quarter of the source's slot_count events at the latest. A kill -9 loses none: the " +
    'events of records not yet written are delivered again (a restarted process appends; a record ' +
    'may then be in the file twice). On a full ' +
    'disk the file is cut back to its last whole record and the exporter fails; a restarted ' +
    'process appends. With rotate_mb or rotate_minutes the events go to numbered files instead, ' +
    '<source buffer>.0001.mimo, <source buffer>.0002.mimo, …, each a complete .mimo file with its ' +
    'header (a restarted process appends to the latest).',
  buffers: {
    sources: { count: 1 },
    sinks: { count: { min: 0 }, sameAsSource: true },
    observes: { count: 0 },
  },
  configs: { ...rotationConfigs },
  example: `Buffers:
  raw: {slot_count: 128, data_length: 4250, data_dtype: {chA: f4, chB: f4}}
Workers:
  record:
    function: data.export
    sources: [raw]
`,
  writes: {
    text: '<run directory>/<source buffer>.mimo',
    files: (worker) =>
      worker.sources.map((source) => ({
        path: `${source.name}.mimo`,
        namedBy: { entry: ['sources', 0] },
        ...(rotates(worker.config) ? { numbered: true } : {}),
      })),
  },
});
