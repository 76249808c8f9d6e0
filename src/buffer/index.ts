export { parseDtype, validateDtype, type Dtype, type FieldArray } from './dtype.js';
export {
  computeLayout,
  DEFAULT_MAX_PROCESSES,
  MAX_FILE_BYTES,
  MAX_PROCESSES,
  MAX_SLOT_COUNT,
  type BufferLayout,
  type BufferSpec,
  type FieldLayout,
} from './layout.js';
export { bufferPaths } from './ring-file.js';
export { RingBuffer, type BufferStats } from './ring-buffer.js';
export { Reader } from './reader.js';
export { Writer } from './writer.js';
export { Observer } from './observer.js';
export { discardWaitingEvents } from './discard.js';
export { reclaimDeadProcess, type ReclaimReport } from './reclaim.js';
export { SlotMetadata, type SlotData, type SlotView } from './slot-view.js';
export { blockFor } from './outbox.js';
export { AGE_BIN_EDGES, ageQuantile } from './event-age.js';
