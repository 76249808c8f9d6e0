import type { BufferSnapshot, SlotCopy, SlotStateName } from '../buffer/snapshot.js';
import { formatColumn, isoTime } from './inspect-values.js';

// The person-readable form of `mimocorb2 inspect`: one labelled line per fact.

const LABEL_WIDTH = 15;
const MAP_ROW_SLOTS = 64;
/** Buffers with more slots than this get no per-slot map in the text (the JSON always has it). */
export const MAX_MAPPED_SLOTS = 1024;
const STATE_CHARS: Record<SlotStateName, string> = { free: '.', writing: 'w', filled: 'F', reading: 'r' };

function line(label: string, text: string): string {
  return `${label.padEnd(LABEL_WIDTH - 1)} ${text}`;
}

function yesNo(value: boolean): string {
  return value ? 'yes' : 'no';
}

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 2 ** 20) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

function seconds(value: number): string {
  return `${Number(value.toFixed(6))} s`;
}

/** One character per slot: `.` free, `w` writing, `F` filled, `r` reading. */
export function slotMap(snapshot: BufferSnapshot): string {
  return snapshot.slots.map((slot) => STATE_CHARS[slot.state]).join('');
}

function mapLines(snapshot: BufferSnapshot): string[] {
  const { slotCount } = snapshot.layout;
  if (slotCount > MAX_MAPPED_SLOTS) {
    return [line('slot map', `not shown for more than ${MAX_MAPPED_SLOTS} slots (--json has it)`)];
  }
  const map = slotMap(snapshot);
  const width = String(slotCount - 1).length;
  const lines: string[] = [];
  for (let first = 0; first < slotCount; first += MAP_ROW_SLOTS) {
    const row = `${String(first).padStart(width)}  ${map.slice(first, first + MAP_ROW_SLOTS)}`;
    lines.push(line(first === 0 ? 'slot map' : '', row));
  }
  lines.push(line('', '. free  w writing  F filled  r reading'));
  return lines;
}

function ownerText(snapshot: BufferSnapshot, owner: number): string {
  if (owner < 0) return 'none';
  const entry = snapshot.processes.find((p) => p.index === owner);
  return entry ? `process entry ${owner} (pid ${entry.pid})` : `process entry ${owner}`;
}

function slotLines(snapshot: BufferSnapshot, copy: SlotCopy): string[] {
  const { counter, timestamp, deadtime } = copy.metadata;
  const lines = [
    line(
      `slot ${copy.index}`,
      `${copy.state}, generation ${copy.generation}, owner ${ownerText(snapshot, copy.owner)}, seq ${copy.seq}`,
    ),
    line(
      'metadata',
      `counter ${counter}, timestamp ${timestamp} (${isoTime(timestamp)}), deadtime ${deadtime}`,
    ),
  ];
  for (const field of snapshot.layout.fields) {
    const column = copy.data[field.name];
    if (column) lines.push(line(field.name, formatColumn(field.dtype, column)));
  }
  if (!copy.isConsistent) {
    lines.push(
      line(
        'warning',
        `the slot was being written during all ${copy.attempts} copies; its values may mix two events`,
      ),
    );
  }
  return lines;
}

/** The lines `mimocorb2 inspect` prints without --json. */
export function renderInspectText(
  snapshot: BufferSnapshot,
  last: SlotCopy | null,
  slot?: SlotCopy,
): string[] {
  const { layout, flags, counters, writers } = snapshot;
  const lines = [
    `buffer '${layout.name}' in ${snapshot.path}`,
    line(
      'layout',
      `${layout.slotCount} slots, data_length ${layout.dataLength}, slot ${size(layout.slotSize)}, ` +
        `file ${size(layout.fileSize)}, layout version ${snapshot.layoutVersion}, overwrite ${yesNo(layout.overwrite)}`,
    ),
  ];
  for (const field of layout.fields) {
    const where = `at byte ${field.offset} of the slot (${size(field.byteLength)})`;
    lines.push(line(`field ${field.name}`, `${field.dtype.descr} × ${layout.dataLength} ${where}`));
  }
  const control = `control pid ${snapshot.controlPid} (${snapshot.isControlAlive ? 'alive' : 'gone'})`;
  lines.push(
    line('created', `${isoTime(snapshot.created)} by ${control}`),
    line(
      'flags',
      `paused ${yesNo(flags.paused)}, stop requested ${yesNo(flags.stopRequested)}, ` +
        `ended ${snapshot.endedAt > 0 ? `yes (${isoTime(snapshot.endedAt)})` : yesNo(flags.ended)}, ` +
        `forced end ${yesNo(flags.forcedEnd)}${flags.reclaiming > 0 ? ', reclaiming' : ''}`,
    ),
    line(
      'counters',
      `written ${counters.written}, read ${counters.read}, discarded ${counters.discarded}, ` +
        `overwritten ${counters.overwritten}, redelivered ${counters.redelivered}, dropped ${counters.dropped}, ` +
        `undeliverable ${counters.undeliverable}, waited ${seconds(counters.waitedSeconds)}, stale tokens ${counters.staleTokens}`,
    ),
    line('event counter', String(counters.eventCounter)),
    line('writers', `${writers.open} open of ${writers.expected} expected`),
  );
  for (const p of snapshot.processes) {
    const what = `pid ${p.pid} ${p.role} ${p.status}, ${p.isAlive ? 'alive' : 'gone'}`;
    const counts =
      p.role === 'writer'
        ? `events ${p.events}, discarded ${p.discarded}, overwritten ${p.overwritten}, ` +
          `waited ${seconds(p.waitedSeconds)}, dropped ${p.dropped}, stale tokens ${p.staleTokens}`
        : `events ${p.events}, stale tokens ${p.staleTokens}`;
    lines.push(line(`process ${p.index}`, `${what}: ${counts}, inbox ${p.inboxTokens}`));
  }
  if (snapshot.processes.length === 0) lines.push(line('processes', 'none attached yet'));
  const counts = snapshot.slotCounts;
  lines.push(
    line(
      'slots',
      `free ${counts.free}, writing ${counts.writing}, filled ${counts.filled}, reading ${counts.reading}`,
    ),
    ...mapLines(snapshot),
    line(
      'last committed',
      last === null
        ? 'none yet'
        : `slot ${last.index}: counter ${last.metadata.counter} at ${isoTime(last.metadata.timestamp)}`,
    ),
  );
  if (slot) lines.push(...slotLines(snapshot, slot));
  return lines;
}
