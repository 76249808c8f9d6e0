import { readConfig } from '../declaration/index.js';
import type { BufferIO } from '../../templates/index.js';
import { clockedImporterDeclaration } from './clocked-importer.declaration.js';
import { openReplay, replay } from './replay.js';

/**
 * data.clocked_importer: replays the events of a .mimo file at `rate` Hz, evenly spaced (uniform)
 * or with exponential gaps of mean 1/rate (poisson), with fresh metadata. Ends with the file.
 */
export function clocked_importer(io: BufferIO): void {
  const { filename, rate, distribution } = readConfig(io, clockedImporterDeclaration);
  const meanGapMs = 1000 / rate;
  replay(io, openReplay(io, filename), {
    keepMetadata: false,
    // The gap before each event, the first one included, as the original waits before each.
    gapMs: distribution === 'poisson' ? () => -Math.log(1 - Math.random()) * meanGapMs : () => meanGapMs,
  });
}
