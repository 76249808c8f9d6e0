import type { BufferIO } from '../../templates/index.js';
import { openReplay, replay } from './replay.js';

/**
 * data.simulate_importer: replays a .mimo file (`filename`) into its sink with the recorded timing:
 * each event waits the gap between its recorded timestamp and the previous one, divided by
 * `speedup` (0: no waiting). Fresh metadata, or the recorded one with `keep_metadata: true`.
 * Ends when the file ends (0 sources, 1 sink with the file's data_dtype and data_length).
 */
export function simulate_importer(io: BufferIO): void {
  const speedup = io.get('speedup', 1);
  const keepMetadata = io.get('keep_metadata', false);
  const opened = openReplay(io);
  const { reader } = opened;
  let previous = 0;
  replay(io, opened, {
    keepMetadata,
    gapMs(index) {
      const timestamp = reader.timestampOf(index);
      // The first event goes at once; out-of-order timestamps (several importers) give no gap.
      const gapS = index === 0 || speedup === 0 ? 0 : Math.max(0, timestamp - previous);
      previous = timestamp;
      return speedup === 0 ? 0 : (gapS * 1000) / speedup;
    },
  });
}
