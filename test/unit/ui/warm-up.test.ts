import { describe, expect, it } from 'vitest';
import type { ResolvedSetup } from '../../../src/control/setup/index.js';
import { BUILTIN_TABS } from '../../../src/ui/tabs.js';
import { warmUpRendering } from '../../../src/ui/warm-up.js';
import { FakeControl } from './fake-control.js';

describe('warmUpRendering', () => {
  it('draws every tab and a display tab of each kind off screen, and gives no command to the run', () => {
    const setup = {
      buffers: [
        { name: 'raw', slotCount: 128 },
        { name: 'kept', slotCount: 64 },
      ],
      workers: [
        { name: 'source', numberOfProcesses: 1 },
        { name: 'sink', numberOfProcesses: 3 },
      ],
    } as unknown as ResolvedSetup;
    const control = new FakeControl(['raw'], ['source', 'sink']);
    const drawn: string[] = [];
    warmUpRendering(setup, control, BUILTIN_TABS, 80, (frame) => drawn.push(frame));
    expect(drawn.some((frame) => frame.includes('■ raw'))).toBe(true);
    expect(drawn.some((frame) => /sink\s+3\/3 alive/.test(frame))).toBe(true);
    expect(drawn.some((frame) => frame.includes('filled (waiting for a reader)'))).toBe(true);
    expect(drawn.some((frame) => frame.includes('control warming up'))).toBe(true);
    for (const display of ['lines', 'log lines', 'histogram', 'histograms', 'text'])
      expect(drawn.some((frame) => frame.startsWith(`${display} warm-up#0 · frame 1`))).toBe(true);
    expect(drawn.some((frame) => frame.includes('█'))).toBe(true);
    expect(control.calls).toEqual([]);
  });
});
