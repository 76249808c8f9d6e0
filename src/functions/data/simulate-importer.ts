import { readConfig } from '../declaration/index.js';
import type { BufferIO } from '../../templates/index.js';
import { simulateImporterDeclaration } from './simulate-importer.declaration.js';
import { openReplay, replay } from './replay.js';

/**
 * data.simulate_importer: replays a .mimo file into its sink with the recorded timing: each event
 * waits the gap between its recorded timestamp and the previous one, divided by `speedup`
 * (0: no waiting). Fresh metadata, or the recorded one with `keep_metadata`. Ends with the file.
 */
export function simulate_importer(io: BufferIO): void {
  const { filename, speedup, keep_metadata } = readConfig(io, simulateImporterDeclaration);
  const opened = openReplay(io, filename);
  const { reader } = opened;
  let previous = 0;
  replay(io, opened, {
    keepMetadata: keep_metadata,
    gapMs(index) {
      if (speedup === 0) return 0;
      const timestamp = reader.timestampOf(index);
      // The first event goes at once; one recorded before its predecessor (several importers) too.
      const gapS = index === 0 ? 0 : Math.max(0, timestamp - previous);
      previous = timestamp;
      return (gapS * 1000) / speedup;
    },
  });
}
