import { Filter } from '../../templates/index.js';
import type { BufferIO } from '../../templates/index.js';

/** misc.copy: copies every event of its source to each of its sinks (1 source, 1 or more sinks). */
export function copy(io: BufferIO): void {
  new Filter(io).run(() => true);
}
