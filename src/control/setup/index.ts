export { loadSetup } from './resolve.js';
export { DEFAULT_TARGET_DIRECTORY } from './validate.js';
export { checkWorkerExports, importWorkerModule } from './check-exports.js';
export { formatSetupYaml } from './plain.js';
export { resolveSetupPath } from './paths.js';
export type {
  BufferCount,
  CheckWorkerExportsOptions,
  ImportWorkerModule,
  LoadSetupOptions,
  LookupPrebuilt,
  PlainBuffer,
  PlainSetup,
  PlainWorker,
  PrebuiltSignature,
  ResolvedBuffer,
  ResolvedSetup,
  ResolvedWorker,
} from './types.js';
export { SetupError, formatSetupProblem, type SetupProblem } from '../../errors.js';
