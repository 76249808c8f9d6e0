import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { Exporter, type BufferIO } from '../../../templates/index.js';
import { readConfig } from '../../declaration/index.js';
import { RowFile } from '../../files/index.js';
import { cellTextFor } from './cell-text.js';
import { csvDeclaration } from './csv.declaration.js';
import { csvFileName } from './file-name.js';
import { float64Text } from './float-text.js';

/** Rows held in memory at most before they are appended, whatever save_interval says. */
const MAX_PENDING_ROWS = 65_536;

/** exporters.csv: one CSV row per event of its source (data_length 1), passed on to its sinks. */
export function csv(io: BufferIO): void {
  const config = readConfig(io, csvDeclaration);
  // Opened before the template reports ready: a file that cannot be written stops the start.
  const source = io.sources[0]?.buffer.layout;
  const names = source?.fields.map((field) => field.name) ?? [];
  const file =
    source &&
    RowFile.open(
      join(io.runDir, csvFileName(config.filename, source.name)),
      stringify([['counter', 'timestamp', 'deadtime', ...names]]),
    );
  try {
    const exporter = new Exporter(io);
    const cells = exporter.layout.fields.map((field) => cellTextFor(field.dtype));
    const intervalMs = config.save_interval * 1000;
    let rows: string[][] = [];
    let lastAppendMs = performance.now();
    for (const [data, metadata] of exporter) {
      const row = [String(metadata.counter), float64Text(metadata.timestamp), float64Text(metadata.deadtime)];
      for (let i = 0; i < names.length; i++) row.push(cells[i]!(data[names[i]!]!));
      rows.push(row);
      const now = performance.now();
      if (now - lastAppendMs >= intervalMs || rows.length >= MAX_PENDING_ROWS) {
        file?.append(stringify(rows));
        rows = [];
        lastAppendMs = now;
      }
    }
    file?.append(stringify(rows));
  } finally {
    file?.close();
  }
}
