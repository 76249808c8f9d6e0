import type { RunSnapshot } from '../stats/snapshot.js';
import { isFailure, type ProcessSlot, type RestartRecord } from '../supervision/index.js';

/** How one process place ended, for the summary. */
export interface ProcessExitRecord {
  readonly worker: string;
  readonly index: number;
  readonly pid: number | undefined;
  readonly code: number | null;
  readonly signal: string | null;
  readonly error: string | undefined;
  /** Why a watchdog killed it, if one did. */
  readonly killReason: string | undefined;
  readonly restarts: number;
}

/** How the run ended, for the summary and the exit code. */
export interface RunResult {
  /**
   * 0 every process ended normally, failures recovered by restarts, and every event delivered;
   * 1 a process failed for good or events could not be delivered; 130 interrupted.
   */
  readonly exitCode: 0 | 1 | 130;
  readonly seconds: number;
  readonly snapshot: RunSnapshot;
  readonly exits: readonly ProcessExitRecord[];
  /** Every restart, in order, with why the process failed. */
  readonly restarts: readonly RestartRecord[];
}

/** The result of a run whose processes have all ended, from its last snapshot. */
export function runResult(
  snapshot: RunSnapshot,
  slots: readonly ProcessSlot[],
  restarts: readonly RestartRecord[],
  isInterrupted: boolean,
): RunResult {
  const failed = slots.some((slot) => slot.exit !== undefined && isFailure(slot.exit));
  const undeliverable = snapshot.buffers.some((b) => b.undeliverable > 0);
  return {
    exitCode: isInterrupted ? 130 : failed || undeliverable ? 1 : 0,
    seconds: snapshot.elapsed,
    snapshot,
    exits: slots.map((slot) => ({
      worker: slot.worker.name,
      index: slot.index,
      pid: slot.process.pid,
      code: slot.exit?.code ?? null,
      signal: slot.exit?.signal ?? null,
      error: slot.exit?.error?.message,
      killReason: slot.killReason,
      restarts: slot.restarts,
    })),
    restarts: [...restarts],
  };
}
