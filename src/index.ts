// The public API: what worker files and scripts import from 'mimocorb2'.
// Its types use Node's (Buffer): the reference lets a worker file outside the project, whose
// folder has no @types/node, get them from beside this package (docs/worker-api.md).
/// <reference types="node" preserve="true" />
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
export {
  MimocorbError,
  BufferConfigError,
  BufferFileError,
  BufferUsageError,
  WorkerSetupError,
  UserFunctionError,
} from './errors.js';
export { DisplayPublisher, checkDisplayContent } from './display/index.js';
export type {
  DisplayContent,
  DisplayPublisherOptions,
  LinesDisplay,
  HistogramDisplay,
  HistogramStyle,
  HorizontalLine,
  TextDisplay,
  GridDisplay,
  PanelDisplay,
} from './display/index.js';
export { findPeaks, peakProminences, peakWidths } from './peaks/index.js';
export { Pacer, SeededRandom } from './simulation/index.js';
export type {
  Border,
  Condition,
  FindPeaksOptions,
  FindPeaksResult,
  PeakProperties,
  PeakProminences,
  PeakProminencesOptions,
  PeakWidths,
  PeakWidthsOptions,
  PeakSignal,
  PeakIndices,
  NumericTypedArray,
} from './peaks/index.js';
export { BufferIO, Importer, Exporter, Filter, Processor, Observer, IsAlive } from './templates/index.js';
export type {
  BufferIOOptions,
  ImportSource,
  ImportedEvent,
  InPlaceFill,
  AsyncInPlaceFill,
  MixedInPlaceFill,
  InPlaceOptions,
  ExportFunction,
  FilterFunction,
  ProcessorFunction,
  ProcessorOutput,
  InPlaceProcessorFunction,
  ObserverOptions,
  EventData,
  EventMetadata,
  EventPair,
  EventRecord,
  FieldValue,
} from './templates/index.js';
