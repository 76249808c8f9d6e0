import { MimocorbError } from '../../errors.js';
import { PHASE_TEXT, type WorkerPhase } from '../messages.js';

/** Where a start failure happened, for messages and for control's report. */
export interface WorkerStartErrorDetails {
  readonly worker: string;
  readonly processIndex: number;
  /** Undefined when the process could not even be spawned. */
  readonly pid: number | undefined;
  /** Where the child was when it failed; undefined when it never said (exit, timeout, spawn). */
  readonly phase: WorkerPhase | undefined;
}

/**
 * A worker process that did not get ready: load error, template check, exit, timeout. The run
 * is aborted before any data flows (the CLI's exit code 2). The child's own error is `cause`.
 */
export class WorkerStartError extends MimocorbError implements WorkerStartErrorDetails {
  readonly worker: string;
  readonly processIndex: number;
  readonly pid: number | undefined;
  readonly phase: WorkerPhase | undefined;

  constructor(details: WorkerStartErrorDetails, reason: string, options?: { cause?: unknown }) {
    const where = details.pid === undefined ? '' : ` (pid ${details.pid})`;
    const when = details.phase === undefined ? '' : ` ${PHASE_TEXT[details.phase]}`;
    super(
      'ERR_WORKER_START',
      `worker '${details.worker}' process ${details.processIndex}${where} failed to start${when}: ${reason}`,
      options,
    );
    this.name = 'WorkerStartError';
    this.worker = details.worker;
    this.processIndex = details.processIndex;
    this.pid = details.pid;
    this.phase = details.phase;
  }
}
