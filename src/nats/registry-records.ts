// What the registry of a stream holds: one KV bucket per stream, `mimocorb2-<stream>`, with
//   layout           the wire layout of its events (wire-layout.ts)
//   run              the current sending run; its id is the KV revision of this entry
//   sender.<id>      one entry per sending process, written every second while it lives
//   receiver.<id>    one entry per receiving process, likewise
// Values are JSON with snake_case keys, so that other tools (the nats CLI) can read them.
import { isRecord } from '../is-record.js';

export type MemberRole = 'sender' | 'receiver';
/** starting: looking for its run; waiting: a receiver with no run yet; live; ended: done for good. */
export type MemberState = 'starting' | 'waiting' | 'live' | 'ended';

/** One process's entry, as stored. */
export interface MemberRecord {
  readonly role: MemberRole;
  readonly run: number | null;
  readonly state: MemberState;
  readonly host: string;
  readonly pid: number;
  readonly worker: string;
  readonly process: number;
  /** Messages and events sent (sender) or committed to the sink buffer (receiver) in `run`. */
  readonly messages: number;
  readonly events: number;
  /** Receiver: events of redelivered messages among `events`. */
  readonly redelivered: number;
  /** Sender: the stream sequence of its last acknowledged message (jetstream mode). */
  readonly last_seq: number;
  /** Counts the writes of this entry. */
  readonly beat: number;
}

/** The entry of the current sending run. */
export interface RunRecord {
  /** The registry id of the sender that started it. */
  readonly started_by: string;
  readonly previous: number | null;
  /** Messages of the previous run that no receiver took, removed when this run started. */
  readonly purged_messages: number;
}

export const LAYOUT_KEY = 'layout';
export const RUN_KEY = 'run';

/** The bucket that holds a stream's registry. */
export function registryBucketName(stream: string): string {
  return `mimocorb2-${stream}`;
}

/** The key of one process's entry; the id is made of letters, digits, - and _. */
export function memberKey(role: MemberRole, id: string): string {
  return `${role}.${id}`;
}

/** An id that stays the same when control restarts a worker process, and differs between runs. */
export function memberId(host: string, controlPid: number, worker: string, processIndex: number): string {
  return `${host}-${controlPid}-${worker}-${processIndex}`.replace(/[^A-Za-z0-9_-]/g, '_');
}

const STATES: readonly string[] = ['starting', 'waiting', 'live', 'ended'];

/** A stored member entry, or undefined for something that is not one. */
export function parseMemberRecord(value: unknown): MemberRecord | undefined {
  if (!isRecord(value)) return undefined;
  const role = value['role'];
  const state = value['state'];
  if ((role !== 'sender' && role !== 'receiver') || typeof state !== 'string' || !STATES.includes(state))
    return undefined;
  const number = (key: string) => (typeof value[key] === 'number' ? value[key] : 0);
  const run = value['run'];
  return {
    role,
    run: typeof run === 'number' ? run : null,
    state: state as MemberState,
    host: typeof value['host'] === 'string' ? value['host'] : '?',
    pid: number('pid'),
    worker: typeof value['worker'] === 'string' ? value['worker'] : '?',
    process: number('process'),
    messages: number('messages'),
    events: number('events'),
    redelivered: number('redelivered'),
    last_seq: number('last_seq'),
    beat: number('beat'),
  };
}

/** A stored run entry, or undefined. */
export function parseRunRecord(value: unknown): RunRecord | undefined {
  if (!isRecord(value) || typeof value['started_by'] !== 'string') return undefined;
  const previous = value['previous'];
  return {
    started_by: value['started_by'],
    previous: typeof previous === 'number' ? previous : null,
    purged_messages: typeof value['purged_messages'] === 'number' ? value['purged_messages'] : 0,
  };
}
