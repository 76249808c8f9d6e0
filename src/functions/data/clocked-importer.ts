import type { BufferIO } from '../../templates/index.js';
import { openReplay, replay } from './replay.js';

/**
 * data.clocked_importer: replays the events of a .mimo file (`filename`) at `rate` Hz, evenly
 * spaced (`distribution: uniform`) or with exponential gaps of mean 1/rate (`poisson`), with fresh
 * metadata. Ends when the file ends (0 sources, 1 sink with the file's data_dtype and data_length).
 */
export function clocked_importer(io: BufferIO): void {
  const rate = io.get<number>('rate');
  const isPoisson = io.get('distribution', 'uniform') === 'poisson';
  const meanGapMs = 1000 / rate;
  replay(io, openReplay(io), {
    keepMetadata: false,
    // The gap before each event, the first one included, as the original waits before each.
    gapMs: isPoisson ? () => -Math.log(1 - Math.random()) * meanGapMs : () => meanGapMs,
  });
}
