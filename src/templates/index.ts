export { BufferIO, type BufferIOOptions } from './buffer-io.js';
export { failSetup, validateArity } from './setup-checks.js';
export {
  Importer,
  type ImportSource,
  type ImportedEvent,
  type InPlaceFill,
  type AsyncInPlaceFill,
  type MixedInPlaceFill,
  type InPlaceOptions,
} from './importer.js';
export { Exporter, type ExportFunction } from './exporter.js';
export { Filter, type FilterFunction } from './filter.js';
export {
  Processor,
  type ProcessorFunction,
  type ProcessorOutput,
  type InPlaceProcessorFunction,
} from './processor.js';
export { Observer, type ObserverOptions } from './observer.js';
export { IsAlive } from './is-alive.js';
export type { EventData, EventMetadata, EventPair, EventRecord, FieldValue } from './types.js';
