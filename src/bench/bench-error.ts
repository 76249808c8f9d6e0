import { MimocorbError } from '../errors.js';

/** A benchmark run that failed: a child crashed, missed its deadline, or events were lost. */
export class BenchError extends MimocorbError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('ERR_BENCH', message, options);
    this.name = 'BenchError';
  }
}

/** A bad `npm run bench` command line. */
export class BenchUsageError extends MimocorbError {
  constructor(message: string) {
    super('ERR_BENCH_USAGE', message);
    this.name = 'BenchUsageError';
  }
}
