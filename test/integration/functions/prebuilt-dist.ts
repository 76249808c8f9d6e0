import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The compiled prebuilt functions, as a run's worker processes load them. */
export const PREBUILT_DIST = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'dist',
  'functions',
);
