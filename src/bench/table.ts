import type { MachineDescription } from './machine.js';
import type { BenchRecord } from './report.js';

const RATE_SUFFIX = '_events_per_s';

function formatRate(value: number): string {
  return Math.round(value).toLocaleString('en');
}

function formatExtra(value: BenchRecord[string]): string {
  return Array.isArray(value) ? value.join(' ') : String(value);
}

/** The heading of the readable report. */
export function formatHeading(machine: MachineDescription, runs: number): string {
  return (
    `mimocorb2 bench on ${machine.cpuModel}, ${machine.cpuCount} CPUs, ${machine.memoryGiB} GiB, ` +
    `node ${machine.node} (${machine.platform}); median of ${runs} run${runs === 1 ? '' : 's'}, ` +
    'scenarios interleaved with their references'
  );
}

/** `0.43 x ref-fifo-3proc (runs); 0.21 x ref-fifo-3proc-batched (runs)`, or '' without references. */
function formatComparisons(record: BenchRecord): string {
  return ['', 'batched_']
    .filter((prefix) => typeof record[`ratio_to_${prefix}reference`] === 'number')
    .map(
      (prefix) =>
        `${String(record[`ratio_to_${prefix}reference`])} x ${String(record[`${prefix}reference`])} ` +
        `(${formatExtra(record[`${prefix}ratio_runs`] ?? '')})`,
    )
    .join('; ');
}

/** The readable report of some records: a table, then one line of notes per scenario. */
export function formatTable(records: readonly BenchRecord[]): string {
  const header = [
    'scenario',
    'events',
    'seconds',
    'events/s',
    'syscalls/event',
    'runs (events/s)',
    'vs reference (runs)',
  ];
  const rows = records.map((r) => [
    r.scenario,
    r.events.toLocaleString('en'),
    r.seconds.toFixed(4),
    formatRate(r.events_per_s),
    typeof r['syscalls_per_event'] === 'number' ? r['syscalls_per_event'].toFixed(2) : '',
    r.runs.map(formatRate).join('  '),
    formatComparisons(r),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, i) =>
        i === 0 || i === cells.length - 1 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0),
      )
      .join('  ')
      .trimEnd();
  const lines = [line(header), ...rows.map(line)];
  for (const record of records) lines.push(...formatNotes(record));
  return lines.join('\n');
}

const TABLE_KEYS = new Set([
  'scenario',
  'events',
  'seconds',
  'events_per_s',
  'runs',
  'reference',
  'reference_events_per_s',
  'ratio_to_reference',
  'ratio_runs',
  'batched_reference',
  'batched_reference_events_per_s',
  'batched_ratio_runs',
  'syscalls_per_event',
  'node',
]);

function formatNotes(record: BenchRecord): string[] {
  const notes: string[] = [];
  for (const [key, value] of Object.entries(record)) {
    if (!key.endsWith(RATE_SUFFIX) || key === 'events_per_s' || key.endsWith('reference_events_per_s'))
      continue;
    if (typeof value !== 'number') continue;
    const name = key.slice(0, -RATE_SUFFIX.length).replaceAll('_', ' ');
    notes.push(
      `${record.scenario}: ${(record.events_per_s / value).toFixed(2)} x the ${name} (${formatRate(value)} events/s)`,
    );
  }
  const rest = Object.entries(record).filter(
    ([key]) => !TABLE_KEYS.has(key) && !key.endsWith(RATE_SUFFIX) && !key.startsWith('ratio_to_'),
  );
  if (rest.length > 0)
    notes.push(`${record.scenario}: ${rest.map(([k, v]) => `${k} ${formatExtra(v)}`).join(', ')}`);
  return notes;
}
