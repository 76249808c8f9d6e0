export { DeadReaderWatch } from './dead-readers.js';
export { describeExit, isFailure, ProcessSlot, type RestartRecord } from './process-slot.js';
export { shutDownInStages } from './shutdown.js';
export { Supervisor, type SupervisorOptions } from './supervisor.js';
export { Watchdogs } from './watchdogs.js';
export type { WorkerExit } from './worker-process.js';
