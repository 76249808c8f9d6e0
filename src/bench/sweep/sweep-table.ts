import type { SweepRecord } from './sweep-record.js';

function formatNumber(value: unknown, digits = 0): string {
  return typeof value === 'number'
    ? value.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : '';
}

/** The readable report of one sweep: a row per point. */
export function formatSweepTable(records: readonly SweepRecord[]): string {
  const header = [
    'x',
    'events',
    'events/s',
    'limit events/s',
    'vs limit (runs)',
    'CPU µs/event',
    'syscalls/event',
    'lost runs',
  ];
  const rows = records.map((r) => [
    String(r.x),
    formatNumber(r.events),
    formatNumber(r.events_per_s),
    `${formatNumber(r.limit_events_per_s)} ${r.limit_probe}`,
    `${r.ratio_to_limit} (${Array.isArray(r['ratio_to_limit_runs']) ? r['ratio_to_limit_runs'].join(' ') : ''})`,
    formatNumber(r.cpu_us_per_event, 2),
    formatNumber(r['syscalls_per_event'], 2),
    formatNumber(r['lost_runs']),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells.map((cell, i) => cell.padStart(widths[i] ?? 0)).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}
