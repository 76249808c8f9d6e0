import { MimocorbError } from '../errors.js';

/** A benchmark run that failed: a child crashed, missed its deadline, or events were lost. */
export class BenchError extends MimocorbError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('ERR_BENCH', message, options);
    this.name = 'BenchError';
  }
}
