export { checkSetup, loadSetup } from './resolve.js';
export { DEFAULT_TARGET_DIRECTORY } from './validate.js';
export { checkWorkerExports } from './check-exports.js';
export { formatSetupYaml } from './plain.js';
export { resolveSetupPath } from './paths.js';
export { parseConfigOverride, type ConfigOverride } from './config-overrides.js';
export type {
  BufferCount,
  CheckWorkerExportsOptions,
  DraftWorker,
  ReadWorkerExports,
  LoadSetupOptions,
  PlainBuffer,
  PlainSetup,
  PlainWorker,
  PrebuiltChecker,
  PrebuiltWorker,
  PrebuiltWorkerKeys,
  ReadFile,
  ResolvedBuffer,
  ResolvedSetup,
  ResolvedWorker,
  SetupCheck,
  SetupDraft,
  WorkerFiles,
  WorkerPlace,
  WorkerReport,
  WorkerSupervision,
  WrittenFile,
} from './types.js';
export { formatMemorySize, parseMemorySize } from './validate-supervision.js';
export { SetupError, formatSetupProblem, type SetupProblem } from '../../errors.js';
