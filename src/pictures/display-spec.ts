import type { DisplayContent, PanelDisplay, TextDisplay } from '../display/index.js';
import { CHART_WIDTH, histogramSpec, linesSpec, PICTURE_CONFIG, type ViewSpec } from './chart-spec.js';

const TEXT_LINE_HEIGHT = 16;

function panelSpec(panel: PanelDisplay, title: string): ViewSpec {
  return panel.kind === 'lines' ? linesSpec(panel, title) : histogramSpec(panel, title);
}

/** Lines of text in a fixed-width font, top to bottom. */
function textSpec(content: TextDisplay, title: string): ViewSpec {
  const lines = content.lines.length > 0 ? content.lines : ['(no lines)'];
  return {
    title,
    width: CHART_WIDTH,
    height: lines.length * TEXT_LINE_HEIGHT,
    data: { values: lines.map((line, row) => ({ line, row })) },
    mark: { type: 'text', align: 'left', baseline: 'middle', font: 'monospace', fontSize: 12, limit: 0 },
    encoding: {
      y: { field: 'row', type: 'ordinal', axis: null },
      x: { datum: 0, type: 'quantitative', scale: { domain: [0, 1] }, axis: null },
      text: { field: 'line' },
    },
    view: { stroke: null },
  };
}

/**
 * The Vega-Lite specification of a display's picture. `name` titles a display without a title.
 * A grid becomes panels in rows of up to ceil(sqrt(n)), each with its own scales and legend.
 */
export function displaySpec(content: DisplayContent, name: string): ViewSpec {
  const title = content.title ?? name;
  let view: ViewSpec;
  switch (content.kind) {
    case 'lines':
    case 'histogram':
      view = panelSpec(content, title);
      break;
    case 'text':
      view = textSpec(content, title);
      break;
    case 'grid':
      view = {
        title: { text: title, fontSize: 17 },
        columns: Math.ceil(Math.sqrt(content.panels.length)),
        concat: content.panels.map((panel, i) => panelSpec(panel, panel.title ?? `panel ${i + 1}`)),
        resolve: { scale: { x: 'independent', y: 'independent', color: 'independent' } },
      };
      break;
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    ...view,
    config: PICTURE_CONFIG,
    padding: 12,
  };
}
