export * as types from './config-types.js';
export type { ConfigType, ValuePath, ValueProblem } from './config-types.js';
export {
  declarePrebuilt,
  type BufferRule,
  type CheckPlace,
  type CheckReport,
  type ConfigKey,
  type ConfigKeys,
  type ConfigValues,
  type OwnedFile,
  type PrebuiltDeclaration,
  type TemplateName,
  type WorkerShape,
} from './declaration.js';
export { checkerFor, checkPrebuiltWorker } from './check-worker.js';
export { readConfig } from './config-values.js';
export { describeCount, describeRule, fitsCount } from './buffer-rules.js';
