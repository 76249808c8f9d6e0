// The public API: what worker files and scripts import from 'mimocorb2'.
export {
  RingBuffer,
  Reader,
  Writer,
  Observer as BufferObserver,
  SlotMetadata,
  parseDtype,
  computeLayout,
} from './buffer/index.js';
export type {
  BufferSpec,
  BufferLayout,
  BufferStats,
  SlotData,
  SlotView,
  FieldArray,
  Dtype,
} from './buffer/index.js';
export { MimocorbError, BufferConfigError, BufferFileError, BufferUsageError } from './errors.js';
