import { BufferFileError } from '../errors.js';
import {
  copySlot,
  openBufferFileReadOnly,
  takeSnapshot,
  type BufferSnapshot,
  type SlotCopy,
} from '../buffer/snapshot.js';
import { columnToJson, isoTime, type JsonValue } from './inspect-values.js';
import { renderInspectText, slotMap } from './inspect-text.js';

export interface InspectOptions {
  /** Path of a `.mimobuf` buffer file. */
  readonly file: string;
  /** Print one JSON object (keys in docs/inspect.md) instead of text. @default false */
  readonly json?: boolean;
  /** Also show this slot's metadata and data (a string: as typed on the command line). */
  readonly slot?: number | string;
  readonly print?: (line: string) => void;
  readonly printError?: (line: string) => void;
}

const EXIT_OK = 0;
const EXIT_USAGE = 2;

/**
 * `mimocorb2 inspect <buffer-file>`: shows a buffer file, also while processes use it. Maps the
 * file read-only and takes no token. Returns the exit code: 0, or 2 for a missing or foreign
 * file or a bad --slot.
 */
export function handleInspect(options: InspectOptions): number {
  const print = options.print ?? ((line: string) => process.stdout.write(line + '\n'));
  const printError = options.printError ?? ((line: string) => process.stderr.write(line + '\n'));
  try {
    const file = openBufferFileReadOnly(options.file);
    const { slotCount } = file.layout;
    const given = options.slot;
    const slot = typeof given === 'string' ? (/^\d+$/.test(given.trim()) ? Number(given) : NaN) : given;
    if (slot !== undefined && (!Number.isInteger(slot) || slot < 0 || slot >= slotCount)) {
      printError(`mimocorb2 inspect: --slot must be a whole number from 0 to ${slotCount - 1}, got ${given}`);
      return EXIT_USAGE;
    }
    const snapshot = takeSnapshot(file);
    const last = snapshot.lastCommitted >= 0 ? copySlot(file, snapshot.lastCommitted) : null;
    const chosen = slot === undefined ? undefined : copySlot(file, slot);
    if (options.json === true) print(JSON.stringify(toInspectJson(snapshot, last, chosen)));
    else for (const line of renderInspectText(snapshot, last, chosen)) print(line);
    return EXIT_OK;
  } catch (error) {
    if (error instanceof BufferFileError) {
      printError(`mimocorb2 inspect: ${error.message}`);
      return EXIT_USAGE;
    }
    throw error;
  }
}

function slotToJson(snapshot: BufferSnapshot, copy: SlotCopy): Record<string, unknown> {
  const data: Record<string, JsonValue[]> = {};
  for (const field of snapshot.layout.fields) {
    data[field.name] = columnToJson(field.dtype, copy.data[field.name] ?? new Uint8Array(0));
  }
  return {
    index: copy.index,
    state: copy.state,
    generation: copy.generation,
    owner: copy.owner,
    seq: copy.seq,
    consistent: copy.isConsistent,
    metadata: { ...copy.metadata, timestamp_iso: isoTime(copy.metadata.timestamp) },
    data,
  };
}

/** The snake_case object `inspect --json` prints; docs/inspect.md lists its keys. */
export function toInspectJson(
  snapshot: BufferSnapshot,
  last: SlotCopy | null,
  slot: SlotCopy | undefined,
): Record<string, unknown> {
  const { layout, flags, counters } = snapshot;
  return {
    file: snapshot.path,
    name: layout.name,
    layout_version: snapshot.layoutVersion,
    layout: {
      slot_count: layout.slotCount,
      data_length: layout.dataLength,
      slot_size: layout.slotSize,
      file_size: layout.fileSize,
      overwrite: layout.overwrite,
      fields: layout.fields.map((f) => ({
        name: f.name,
        dtype: f.dtype.descr,
        offset: f.offset,
        bytes: f.byteLength,
      })),
    },
    description: snapshot.description,
    created: snapshot.created,
    ended_at: snapshot.endedAt === 0 ? null : snapshot.endedAt,
    control: { pid: snapshot.controlPid, alive: snapshot.isControlAlive },
    flags: {
      paused: flags.paused,
      stop_requested: flags.stopRequested,
      ended: flags.ended,
      forced_end: flags.forcedEnd,
      reclaiming: flags.reclaiming,
    },
    counters: {
      written: counters.written,
      read: counters.read,
      discarded: counters.discarded,
      overwritten: counters.overwritten,
      redelivered: counters.redelivered,
      dropped: counters.dropped,
      undeliverable: counters.undeliverable,
      waited_seconds: counters.waitedSeconds,
      stale_tokens: counters.staleTokens,
      event_counter: counters.eventCounter,
    },
    writers: snapshot.writers,
    processes: snapshot.processes.map((p) => ({
      index: p.index,
      pid: p.pid,
      role: p.role,
      status: p.status,
      alive: p.isAlive,
      events: p.events,
      discarded: p.discarded,
      overwritten: p.overwritten,
      waited_seconds: p.waitedSeconds,
      dropped: p.dropped,
      stale_tokens: p.staleTokens,
      inbox_tokens: p.inboxTokens,
    })),
    slot_states: snapshot.slotCounts,
    slot_map: slotMap(snapshot),
    last_committed:
      last === null
        ? null
        : {
            slot: last.index,
            ...last.metadata,
            timestamp_iso: isoTime(last.metadata.timestamp),
            consistent: last.isConsistent,
          },
    ...(slot === undefined ? {} : { slot: slotToJson(snapshot, slot) }),
  };
}
