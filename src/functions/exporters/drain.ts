import { Exporter } from '../../templates/index.js';
import type { BufferIO } from '../../templates/index.js';

/** exporters.drain: reads every event of its source and does nothing with it (1 source, 0 sinks). */
export function drain(io: BufferIO): void {
  new Exporter(io).run(() => undefined);
}
