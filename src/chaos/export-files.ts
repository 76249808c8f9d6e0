// What the prebuilt file exporters of a chaos run wrote: the values in exporters.csv's rows and
// in data.export's records, over all their numbered files when they rotate.
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { MimoReader } from '../functions/data/mimo-reader.js';

/** A file a prebuilt exporter writes in the run directory (`passed.csv`, `saved.mimo`). */
export interface ExportFile {
  readonly kind: 'csv' | 'mimo';
  readonly name: string;
}

/** The file itself or its numbered files (rotation), in order. */
function filesOf(runDir: string, name: string): string[] {
  const ext = extname(name);
  const stem = name.slice(0, name.length - ext.length);
  const pattern = new RegExp(`^${stem}(\\.\\d{4,})?\\${ext}$`);
  return readdirSync(runDir)
    .filter((entry) => pattern.test(entry))
    .sort()
    .map((entry) => join(runDir, entry));
}

/** The `value` of every row (csv) or record (mimo), in file order. */
export function readExportFile(runDir: string, file: ExportFile): number[] {
  const paths = filesOf(runDir, file.name);
  return paths.flatMap((path) => (file.kind === 'csv' ? csvValues(path) : mimoValues(path)));
}

function csvValues(path: string): number[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const column = (lines[0] ?? '').split(',').indexOf('value');
  return lines
    .slice(1)
    .filter((line) => line !== '')
    .map((line) => Number(line.split(',')[column]));
}

function mimoValues(path: string): number[] {
  const reader = MimoReader.open(path);
  try {
    const field = reader.layout.fields.find((f) => f.name === 'value');
    if (field === undefined) throw new Error(`${path}: no field 'value'`);
    const record = new Uint8Array(reader.header.record_size);
    const view = new DataView(record.buffer);
    const values: number[] = [];
    for (let k = 0; k < reader.recordCount; k++) {
      reader.copyRecord(k, record);
      values.push(view.getFloat64(field.offset, true));
    }
    return values;
  } finally {
    reader.close();
  }
}
