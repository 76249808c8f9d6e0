import { describe, expect, it } from 'vitest';
import { dataFlowDot, findRootBuffers, renderSvg } from '../../../src/control/run/data-flow.js';
import type { ResolvedSetup } from '../../../src/control/setup/index.js';

function buffer(name: string) {
  return {
    name,
    slotCount: 8,
    dataLength: 1,
    fields: { x: 'f8' },
    overwrite: false,
    writers: 1,
    readers: 1,
    observers: 0,
  };
}
function worker(name: string, sources: string[], sinks: string[], observes: string[] = []) {
  return { name, file: undefined, function: 'f', config: {}, numberOfProcesses: 1, sources, sinks, observes };
}

const setup = {
  setupFile: '/x/setup.yaml',
  setupDir: '/x',
  targetDirectory: '/x/target',
  buffers: [buffer('raw'), buffer('picked')],
  workers: [
    worker('source', [], ['raw']),
    worker('cut', ['raw'], ['picked']),
    worker('scope', [], [], ['raw']),
  ],
  warnings: [],
  plain: { Buffers: {}, Workers: {}, target_directory: '/x/target' },
} as unknown as ResolvedSetup;

describe('data flow', () => {
  it('marks the buffers that sources write as roots', () => {
    expect(findRootBuffers(setup)).toEqual(['raw']);
  });

  it('draws buffers, workers, edges, and observes dotted', async () => {
    const dot = dataFlowDot(setup);
    expect(dot).toContain('"B:raw" [label="raw\\n8 × 1", color=blue');
    expect(dot).toContain('"B:raw" -> "W:cut";');
    expect(dot).toContain('"W:cut" -> "B:picked";');
    expect(dot).toContain('"B:raw" -> "W:scope" [style=dotted];');
    const svg = await renderSvg(dot);
    expect(svg).toMatch(/<svg[\s\S]*scope[\s\S]*<\/svg>/);
  });
});
