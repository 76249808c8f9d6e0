import type { WorkerSupervision } from '../setup/index.js';

/** The restart backoff doubles with each restart of a process, up to this. */
export const MAX_BACKOFF_S = 30;

/** Seconds to wait before restart number `n` (1-based) of a process. */
export function restartDelayS(policy: WorkerSupervision, n: number): number {
  return Math.min(MAX_BACKOFF_S, policy.restartBackoffS * 2 ** (n - 1));
}

/** Whether a process of this worker that failed (after `restarts` restarts) is started again. */
export function mayRestart(policy: WorkerSupervision, restarts: number): boolean {
  return policy.restart === 'on-failure' && restarts < policy.maxRestarts;
}
