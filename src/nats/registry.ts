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

  constructor(kv: KV, key: string, record: MemberRecord, link: NatsLink) {
    this.kv = kv;
    this.key = key;
    this.#record = record;
    this.#link = link;
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
   * write(), waiting for the server while it is away (the last word of a process, e.g. that it
   * ended, must not be lost to an outage).
   */
  async writeSurely(change: Partial<MemberRecord>): Promise<void> {
    for (;;) {
      await this.#link.waitUntilConnected();
      try {
        await this.write(change);
        return;
      } catch (error) {
        if (this.#link.isConnected) throw error;
      }
    }
  }

  /**
   * read(), waiting for the server while it is away.
   */
  async readSurely(): Promise<RegistryView> {
    for (;;) {
      await this.#link.waitUntilConnected();
      try {
        return await this.read();
      } catch (error) {
        if (this.#link.isConnected) throw error;
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

  /** Reads every entry. */
  async read(): Promise<RegistryView> {
    const keys: string[] = [];
    for await (const key of await this.kv.keys()) keys.push(key);
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
