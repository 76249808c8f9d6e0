import { readFileSync } from 'node:fs';
import type { RingBuffer } from '../../buffer/index.js';
import { takeSnapshot, type BufferSnapshot } from '../../buffer/snapshot.js';
import { formatMemorySize } from '../setup/index.js';
import type { ProcessSlot } from './process-slot.js';

/** What the watchdogs need to know of a process at one sample. */
export interface ProcessReading {
  readonly rssBytes: number;
}

interface Quiet {
  readonly pid: number;
  readonly progress: number;
  /** Seconds (performance clock) since when the process holds events without progress. */
  readonly since: number;
}

/**
 * The per-worker limits `max_memory` and `max_silence`, checked at every statistics sample: a
 * process above its memory limit, or one that holds a slot or has events waiting for it but
 * makes no progress for `max_silence` seconds (a worker stuck in a loop) is handed to `kill`
 * with the reason. Waiting for a free slot downstream (blocked in a pipe read) is not silence.
 */
export class Watchdogs {
  readonly #buffers: ReadonlyMap<string, RingBuffer>;
  readonly #kill: (slot: ProcessSlot, reason: string) => void;
  readonly #quiet = new Map<ProcessSlot, Quiet>();

  constructor(buffers: ReadonlyMap<string, RingBuffer>, kill: (slot: ProcessSlot, reason: string) => void) {
    this.#buffers = buffers;
    this.#kill = kill;
  }

  check(slots: readonly ProcessSlot[], usage: ReadonlyMap<number, ProcessReading>, now: number): void {
    const snapshots = new Map<string, BufferSnapshot>();
    const snapshotOf = (name: string): BufferSnapshot => {
      let snapshot = snapshots.get(name);
      if (snapshot === undefined) {
        snapshot = takeSnapshot((this.#buffers.get(name) as RingBuffer).file);
        snapshots.set(name, snapshot);
      }
      return snapshot;
    };
    for (const slot of slots) {
      const pid = slot.process.pid;
      if (!slot.isAlive || pid === undefined || slot.killReason !== undefined) continue;
      const { maxMemoryBytes, maxSilenceS } = slot.worker.supervision;
      const rss = usage.get(pid)?.rssBytes;
      if (maxMemoryBytes !== undefined && rss !== undefined && rss > maxMemoryBytes) {
        this.#kill(
          slot,
          `uses ${formatMemorySize(rss)} of memory, above max_memory ${formatMemorySize(maxMemoryBytes)}`,
        );
        continue;
      }
      if (maxSilenceS !== undefined) this.#checkSilence(slot, pid, maxSilenceS, snapshotOf, now);
    }
  }

  #checkSilence(
    slot: ProcessSlot,
    pid: number,
    maxSilenceS: number,
    snapshotOf: (name: string) => BufferSnapshot,
    now: number,
  ): void {
    const { sources, sinks } = slot.worker;
    let progress = 0;
    let isHolding = false;
    for (const name of [...sources, ...sinks]) {
      const snapshot = snapshotOf(name);
      const own = snapshot.processes.filter((entry) => entry.pid === pid);
      progress += own.reduce((sum, entry) => sum + entry.events, 0);
      // A writer's inbox holds free slots taken ahead, not events.
      const isRead = sources.includes(name);
      isHolding ||=
        (isRead && own.some((entry) => entry.inboxTokens > 0)) ||
        snapshot.slots.some((s) => s.state !== 'free' && own.some((entry) => entry.index === s.owner)) ||
        (isRead && waitingFor(snapshot, pid) > 0);
    }
    const last = this.#quiet.get(slot);
    if (!isHolding || isBlockedInPipe(pid) || last?.pid !== pid || last.progress !== progress) {
      this.#quiet.set(slot, { pid, progress, since: now });
      return;
    }
    const quietS = now - last.since;
    if (quietS >= maxSilenceS) {
      this.#kill(
        slot,
        `held events for ${Math.round(quietS)} s without progress, longer than max_silence ${maxSilenceS} s`,
      );
    }
  }
}

/** Events of the buffer another process could take: filled, and not in another reader's inbox. */
function waitingFor(snapshot: BufferSnapshot, pid: number): number {
  const elsewhere = snapshot.processes
    .filter((entry) => entry.pid !== pid && entry.role === 'reader')
    .reduce((sum, entry) => sum + entry.inboxTokens, 0);
  return snapshot.slotCounts.filled - elsewhere;
}

/** Whether the process's main thread sleeps in a pipe read or write (waits for other processes). */
function isBlockedInPipe(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/wchan`, 'utf8').includes('pipe');
  } catch {
    return false;
  }
}
