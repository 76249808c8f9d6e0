import type * as vega from 'vega';
import type * as vegaLite from 'vega-lite';
import type { DisplayContent } from '../display/index.js';
import { displaySpec } from './display-spec.js';

type Vega = typeof vega;
type VegaLite = typeof vegaLite;

let libraries: Promise<[Vega, VegaLite]> | undefined;

/** Vega and Vega-Lite, loaded once, when the first picture is drawn (about 0.2 s). */
function loadLibraries(): Promise<[Vega, VegaLite]> {
  libraries ??= Promise.all([import('vega'), import('vega-lite')]);
  return libraries;
}

/** The SVG picture of a display's content (no browser: Vega renders the scene to SVG text). */
export async function renderDisplaySvg(content: DisplayContent, name: string): Promise<string> {
  const [vega, vegaLite] = await loadLibraries();
  const compiled = vegaLite.compile(
    displaySpec(content, name) as unknown as Parameters<VegaLite['compile']>[0],
  );
  const view = new vega.View(vega.parse(compiled.spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
