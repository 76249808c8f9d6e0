import type { BufferLayout } from '../../../buffer/index.js';

const NEEDS_QUOTES = /[",\n\r]/;

/** A CSV cell as RFC 4180 writes it: in quotes (doubled inside) when it holds a comma, quote or line break. */
export function csvCell(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The header row: the metadata columns, then every field of the source. */
export function headerRow(layout: BufferLayout): string {
  return `${['counter', 'timestamp', 'deadtime', ...layout.fields.map((f) => csvCell(f.name))].join(',')}\n`;
}
