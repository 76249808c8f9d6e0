import { join } from 'node:path';
import type { Reader } from '../../buffer/index.js';
import { Exporter, type BufferIO } from '../../templates/index.js';
import { MimoWriter } from './mimo-writer.js';

/**
 * data.export: records every event of its source in `<run directory>/<source>.mimo`
 * (docs/mimo-format.md) and passes it on unchanged to its sinks (1 source, 0..n sinks of the
 * source's layout). A restarted process appends to the file.
 */
function exportEvents(io: BufferIO): void {
  const exporter = new Exporter(io);
  const source = io.sources[0] as Reader;
  const file = join(io.runDir, `${exporter.layout.name}.mimo`);
  const writer = MimoWriter.open(file, exporter.layout, {
    setupFile: io.setupFile,
    startTime: Date.now() / 1000,
  });
  if (writer.recordsBefore > 0) {
    process.stdout.write(`appending to ${file}, which holds ${writer.recordsBefore} events\n`);
  }
  try {
    exporter.run((_data, _metadata, bytes) => {
      writer.write(bytes);
      // Before the next read of the source blocks, the batch goes to the file: nothing waits in
      // this process while no events come.
      if (!source.hasTokensWaiting) writer.flush();
    });
  } finally {
    writer.close();
  }
  const mb = ((writer.recordsWritten * writer.header.record_size) / 1e6).toFixed(1);
  process.stdout.write(`recorded ${writer.recordsWritten} events (${mb} MB) in ${file}\n`);
}

// `export` is a reserved word: the function gets its setup name (data.export) this way.
export { exportEvents as export };
