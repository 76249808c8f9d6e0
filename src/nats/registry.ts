import type { JetStreamManager } from '@nats-io/jetstream';
import type { KV, KvEntry } from '@nats-io/kv';
import type { NatsLink } from './link.js';
import {
  LAYOUT_KEY,
  parseMemberRecord,
  parseRunRecord,
  RUN_KEY,
  type MemberRecord,
  type RunRecord,
} from './registry-records.js';

/** How often a process writes its entry. */
export const BEAT_MS = 1000;
/** A process whose entry is older than this (on the server's clock) is gone: killed, or cut off. */
export const MEMBER_TIMEOUT_MS = 10_000;
/** Failed requests in a row (the server is there) before a registry operation gives up. */
const MAX_FAILURES = 5;

export interface Member extends MemberRecord {
  readonly key: string;
  /** When the entry was last written, on the server's clock (ms). */
  readonly writtenMs: number;
}

export interface RunEntry {
  /** The KV revision of the entry: unique in the bucket, and a later run has a larger id. */
  readonly id: number;
  readonly writtenMs: number;
  readonly record: RunRecord;
}

/** The registry as read at one moment. */
export interface RegistryView {
  readonly run: RunEntry | undefined;
  readonly members: readonly Member[];
  readonly layout: { readonly text: string; readonly revision: number } | undefined;
  /** The server's clock: the newest entry's time, this process's own entry just written included. */
  readonly serverNowMs: number;
  /** False for a while after a reconnect, when nobody has written for the outage: ages mean nothing. */
  readonly canJudgeAge: boolean;
}

/** Whether the process of an entry is still there: not ended, and written lately. */
export function isLive(member: Member, view: RegistryView): boolean {
  if (member.state === 'ended') return false;
  return !view.canJudgeAge || view.serverNowMs - member.writtenMs < MEMBER_TIMEOUT_MS;
}

/** The members of one run with one role. */
export function membersOf(view: RegistryView, run: number, role: Member['role']): Member[] {
  return view.members.filter((member) => member.run === run && member.role === role);
}

/** A run goes on while one of its senders lives, or while its first sender is still registering. */
export function isRunLive(run: RunEntry, view: RegistryView): boolean {
  const senders = membersOf(view, run.id, 'sender');
  if (senders.length === 0) return !view.canJudgeAge || view.serverNowMs - run.writtenMs < MEMBER_TIMEOUT_MS;
  return senders.some((sender) => isLive(sender, view));
}

/**
 * One process's window on its stream's registry: writes its own entry (and so keeps it alive)
 * and reads everybody's.
 */
export class Registry {
  readonly kv: KV;
  readonly key: string;
  #record: MemberRecord;
  #judgeAgeAfterMs = 0;
  #timer: NodeJS.Timeout | undefined;

  readonly #link: NatsLink;
  readonly #jsm: JetStreamManager;
  readonly #bucket: string;

  constructor(
    kv: KV,
    bucket: string,
    key: string,
    record: MemberRecord,
    link: NatsLink,
    jsm: JetStreamManager,
  ) {
    this.kv = kv;
    this.#bucket = bucket;
    this.key = key;
    this.#record = record;
    this.#link = link;
    this.#jsm = jsm;
  }

  get record(): MemberRecord {
    return this.#record;
  }

  /** Changes this process's entry and writes it. */
  async write(change: Partial<MemberRecord>): Promise<void> {
    this.#record = { ...this.#record, ...change, beat: this.#record.beat + 1 };
    await this.kv.put(this.key, JSON.stringify(this.#record));
  }

  /**
   * write(), waiting for the server while it is away, and trying again a few times when a
   * request fails (the last word of a process, e.g. that it ended, must not be lost).
   */
  async writeSurely(change: Partial<MemberRecord>): Promise<void> {
    await this.#persist(() => this.write(change));
  }

  /** read(), waiting for the server while it is away, and trying again a few times. */
  async readSurely(): Promise<RegistryView> {
    return await this.#persist(() => this.read());
  }

  async #persist<T>(operation: () => Promise<T>): Promise<T> {
    for (let failures = 0; ; failures++) {
      await this.#link.waitUntilConnected();
      try {
        return await operation();
      } catch (error) {
        if (this.#link.isConnected && failures >= MAX_FAILURES) throw error;
        await new Promise((resolve) => setTimeout(resolve, BEAT_MS));
      }
    }
  }

  /** After a reconnect every entry is as old as the outage: judge ages again once they are rewritten. */
  reconnected(): void {
    this.#judgeAgeAfterMs = performance.now() + MEMBER_TIMEOUT_MS;
  }

  /** Writes this process's entry every BEAT_MS with what `current()` says; failures wait for the next. */
  startBeating(current: () => Partial<MemberRecord>): void {
    this.stopBeating();
    const beat = () => {
      this.write(current()).then(schedule, schedule);
    };
    const schedule = () => {
      if (this.#timer !== undefined) this.#timer = setTimeout(beat, BEAT_MS);
    };
    this.#timer = setTimeout(beat, BEAT_MS);
  }

  stopBeating(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** The keys in the bucket. */
  async #keys(): Promise<string[]> {
    // The subjects of the bucket's stream, by plain requests: kv.keys() makes a consumer each
    // time, and one that loses a message never ends.
    const prefix = `$KV.${this.#bucket}.`;
    const info = await this.#jsm.streams.info(`KV_${this.#bucket}`, { subjects_filter: `${prefix}>` });
    return Object.keys(info.state.subjects ?? {}).map((subject) => subject.slice(prefix.length));
  }

  /** Reads every entry. */
  async read(): Promise<RegistryView> {
    const keys = await this.#keys();
    const entries = await Promise.all(keys.map((key) => this.kv.get(key)));
    let serverNowMs = 0;
    let run: RunEntry | undefined;
    let layout: RegistryView['layout'];
    const members: Member[] = [];
    for (const entry of entries) {
      if (entry === null || entry.operation !== 'PUT') continue;
      const writtenMs = entry.created.getTime();
      serverNowMs = Math.max(serverNowMs, writtenMs);
      if (entry.key === LAYOUT_KEY) layout = { text: entry.string(), revision: entry.revision };
      else if (entry.key === RUN_KEY) {
        const record = parseRunRecord(parseJson(entry));
        if (record !== undefined) run = { id: entry.revision, writtenMs, record };
      } else {
        const record = parseMemberRecord(parseJson(entry));
        if (record !== undefined) members.push({ ...record, key: entry.key, writtenMs });
      }
    }
    return { run, members, layout, serverNowMs, canJudgeAge: performance.now() >= this.#judgeAgeAfterMs };
  }
}

function parseJson(entry: KvEntry): unknown {
  try {
    return entry.json();
  } catch {
    return undefined;
  }
}
