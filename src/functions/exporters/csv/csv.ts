import { join } from 'node:path';
import type { Reader } from '../../../buffer/index.js';
import { Exporter, type BufferIO } from '../../../templates/index.js';
import { readConfig } from '../../declaration/index.js';
import { RotatingFile, RowFile } from '../../files/index.js';
import { csvDeclaration } from './csv.declaration.js';
import { csvFileName } from './file-name.js';
import { RowBuffer } from './row-buffer.js';
import { headerRow } from './row-text.js';

/** exporters.csv: one CSV row per event of its source (data_length 1), passed on to its sinks. */
export function csv(io: BufferIO): void {
  const config = readConfig(io, csvDeclaration);
  // Opened before the template reports ready: a file that cannot be written stops the start.
  const source = io.sources[0]?.buffer.layout;
  const files =
    source &&
    new RotatingFile(join(io.runDir, csvFileName(config.filename, source.name)), config, (path) =>
      RowFile.open(path, headerRow(source)),
    );
  try {
    const exporter = new Exporter(io);
    const rows = new RowBuffer(exporter.layout);
    const intervalMs = config.save_interval * 1000;
    let lastAppendMs = performance.now();
    const append = (): void => {
      lastAppendMs = performance.now();
      if (files === undefined) return;
      try {
        const closed = files.next(rows.bytes.length);
        if (closed !== undefined) process.stdout.write(`${closed} is complete; writing ${files.file.path}\n`);
        files.file.append(rows.bytes);
      } finally {
        // Written, or gone with a file that failed (the exporter fails): never tried twice.
        rows.clear();
      }
    };
    // The source keeps the slots of the rows not yet appended until they are in the file (it
    // gives slots back before it waits for an event, and every quarter of them): a kill -9 loses
    // no row, control delivers those events again.
    (io.sources[0] as Reader).holdUntilPersisted(() => {
      if (rows.bytes.length > 0) append();
    });
    for (const [data, metadata] of exporter) {
      rows.add(data, metadata);
      if (rows.isFull || performance.now() - lastAppendMs >= intervalMs) append();
    }
    append();
  } finally {
    files?.close();
  }
}
