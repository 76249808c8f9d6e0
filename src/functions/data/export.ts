import { join } from 'node:path';
import type { Reader } from '../../buffer/index.js';
import { Exporter, type BufferIO } from '../../templates/index.js';
import { readConfig } from '../declaration/index.js';
import { RotatingFile } from '../files/index.js';
import { exportDeclaration } from './export.declaration.js';
import { MimoWriter } from './mimo-writer.js';

/**
 * data.export: records every event of its source in `<run directory>/<source>.mimo`
 * (docs/mimo-format.md), or in numbered files with rotate_mb / rotate_minutes, and passes it on
 * unchanged to its sinks (1 source, 0..n sinks of the source's layout). A restarted process
 * appends to the (latest) file.
 */
function exportEvents(io: BufferIO): void {
  const config = readConfig(io, exportDeclaration);
  const exporter = new Exporter(io);
  const source = io.sources[0] as Reader;
  const origin = { setupFile: io.setupFile, startTime: Date.now() / 1000 };
  let records = 0;
  const files = new RotatingFile(join(io.runDir, `${exporter.layout.name}.mimo`), config, (path) => {
    const writer = MimoWriter.open(path, exporter.layout, origin);
    if (writer.recordsBefore > 0) {
      process.stdout.write(`appending to ${path}, which holds ${writer.recordsBefore} events\n`);
    }
    return writer;
  });
  const recordSize = files.file.header.record_size;
  const report = (writer: MimoWriter): void => {
    records += writer.recordsWritten;
    const mb = ((writer.recordsWritten * recordSize) / 1e6).toFixed(1);
    process.stdout.write(`recorded ${writer.recordsWritten} events (${mb} MB) in ${writer.path}\n`);
  };
  // The source keeps the slots of batched events until the batch is in the file (it gives slots
  // back in batches of a quarter of them, and before it blocks): a kill -9 loses no event from the
  // file, control delivers the unwritten ones again.
  source.holdUntilPersisted(() => files.file.flush());
  try {
    exporter.run((_data, _metadata, bytes) => {
      const closed = files.file;
      if (files.next(recordSize) !== undefined) report(closed);
      files.file.write(bytes);
      // Before the next read of the source blocks, the batch goes to the file: nothing waits in
      // this process while no events come (and a full disk fails here, on this event).
      if (!source.hasTokensWaiting) files.file.flush();
    });
  } finally {
    files.close();
  }
  report(files.file);
  if (records > files.file.recordsWritten) process.stdout.write(`recorded ${records} events in all\n`);
}

// `export` is a reserved word: the function gets its setup name (data.export) this way.
export { exportEvents as export };
