import { execFileSync } from 'node:child_process';
import type { ResolvedSetup } from '../setup/index.js';

/** Buffers that no worker with sources or observes writes into: where events enter the run. */
export function findRootBuffers(setup: ResolvedSetup): string[] {
  const roots = new Set<string>();
  for (const worker of setup.workers) {
    if (worker.sources.length === 0 && worker.observes.length === 0) {
      for (const sink of worker.sinks) roots.add(sink);
    }
  }
  return setup.buffers.map((b) => b.name).filter((name) => roots.has(name));
}

function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/** The data flow as Graphviz DOT: buffers as ellipses (roots blue), workers as boxes, observes dotted. */
export function dataFlowDot(setup: ResolvedSetup): string {
  const roots = new Set(findRootBuffers(setup));
  const lines = ['digraph data_flow {', '  rankdir=LR;', '  node [fontname="Helvetica"];'];
  for (const buffer of setup.buffers) {
    const label = `${buffer.name}\n${buffer.slotCount} × ${buffer.dataLength}`;
    const style = roots.has(buffer.name) ? ', color=blue, penwidth=2, fontcolor=blue' : '';
    lines.push(`  ${quote(`B:${buffer.name}`)} [label=${quote(label)}${style}];`);
  }
  for (const worker of setup.workers) {
    const label = worker.numberOfProcesses > 1 ? `${worker.name} ×${worker.numberOfProcesses}` : worker.name;
    lines.push(`  ${quote(`W:${worker.name}`)} [shape=box, label=${quote(label)}];`);
  }
  for (const worker of setup.workers) {
    const w = quote(`W:${worker.name}`);
    for (const source of worker.sources) lines.push(`  ${quote(`B:${source}`)} -> ${w};`);
    for (const sink of worker.sinks) lines.push(`  ${w} -> ${quote(`B:${sink}`)};`);
    for (const observed of worker.observes) lines.push(`  ${quote(`B:${observed}`)} -> ${w} [style=dotted];`);
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}

/** Renders DOT to SVG with the `dot` program when there is one, else with Graphviz compiled to WebAssembly. */
export async function renderSvg(dot: string): Promise<string> {
  try {
    return execFileSync('dot', ['-Tsvg'], {
      input: dot,
      encoding: 'utf8',
      stdio: ['pipe', 'pipe', 'ignore'],
    });
  } catch {
    const { Graphviz } = await import('@hpcc-js/wasm-graphviz');
    const graphviz = await Graphviz.load();
    return graphviz.dot(dot, 'svg');
  }
}
