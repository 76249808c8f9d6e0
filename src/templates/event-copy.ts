import type { BufferLayout, SlotData, SlotView } from '../buffer/index.js';
import type { EventMetadata, EventPair } from './types.js';

/** A copy of an event in fresh memory: typed arrays and a plain metadata object the caller may keep. */
export function copyEvent(event: SlotView, layout: BufferLayout): EventPair {
  const bytes = event.bytes.slice().buffer;
  const data: SlotData = {};
  for (const field of layout.fields)
    data[field.name] = new field.dtype.ArrayType(bytes, field.offset, field.elements);
  const { counter, timestamp, deadtime } = event.metadata;
  const metadata: EventMetadata = { counter, timestamp, deadtime };
  return [data, metadata];
}
