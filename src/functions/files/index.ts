export { RowFile } from './row-file.js';
export { writeFileAtomically } from './atomic-write.js';
export { cutPartialLastLine } from './whole-lines.js';
export { exportFileError } from './file-error.js';
export {
  latestFile,
  rotates,
  rotationConfigs,
  RotatingFile,
  type GrowingFile,
  type RotationConfig,
} from './rotation.js';
