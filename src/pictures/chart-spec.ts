// Vega-Lite specifications of the chart displays (lines and histograms), for the pictures of a
// run: the same data, axes, units and legend as the terminal shows, drawn for a browser or paper.
import type { HistogramDisplay, LinesDisplay } from '../display/index.js';
import { decimateCurve } from './decimate.js';

/** A Vega-Lite view specification, as plain JSON. */
export type ViewSpec = Record<string, unknown>;

/** Size of one chart's plotting area in pixels. */
export const CHART_WIDTH = 560;
export const CHART_HEIGHT = 280;

const AXIS_TITLE_FONT_SIZE = 13;

/** Vega's default colours of nominal series (its `tableau10` scheme), for series without their own. */
const TABLEAU10 = [
  '#4c78a8',
  '#f58518',
  '#e45756',
  '#72b7b2',
  '#54a24b',
  '#eeca3b',
  '#b279a2',
  '#ff9da6',
  '#9d755d',
  '#bab0ac',
];

/** Colour by series name; `colors[i]` (a series' own colour) overrides the scheme's for names[i]. */
function colorEncoding(
  names: readonly string[],
  colors: readonly (string | undefined)[] = [],
): Record<string, unknown> {
  const domain = [...new Set(names)];
  const scale: Record<string, unknown> = { domain };
  if (colors.some((color) => color !== undefined))
    scale['range'] = domain.map((name, i) => colors[names.indexOf(name)] ?? TABLEAU10[i % TABLEAU10.length]);
  return {
    field: 'series',
    type: 'nominal',
    scale,
    legend: names.length > 0 ? { title: null, orient: 'right', labelLimit: 240 } : null,
  };
}

/** Curves over a shared x, their horizontal lines dashed and named in the legend. */
export function linesSpec(content: LinesDisplay, title: string): ViewSpec {
  const values = content.series.flatMap((s) =>
    decimateCurve(content.x, s.y, CHART_WIDTH).map((point) => ({ ...point, series: s.name })),
  );
  const horizontal = content.horizontalLines ?? [];
  const yScale: Record<string, unknown> = { zero: false };
  if (content.logY) yScale['type'] = 'log';
  if (content.yRange !== undefined) yScale['domain'] = [...content.yRange];
  const color = colorEncoding(
    [...content.series.map((s) => s.name), ...horizontal.map((h) => h.name)],
    content.series.map((s) => s.color),
  );
  const layers: ViewSpec[] = [
    {
      data: { values },
      mark: { type: 'line', strokeWidth: 1, clip: true },
      encoding: {
        x: {
          field: 'x',
          type: 'quantitative',
          title: content.xLabel ?? (content.x === undefined ? 'sample' : ''),
          scale: { nice: false, zero: false },
        },
        y: { field: 'y', type: 'quantitative', title: content.yLabel ?? '', scale: yScale },
        color,
      },
    },
  ];
  if (horizontal.length > 0)
    layers.push({
      data: { values: horizontal.map((h) => ({ y: h.y, series: h.name })) },
      mark: { type: 'rule', strokeDash: [6, 4], strokeWidth: 1.5 },
      encoding: { y: { field: 'y', type: 'quantitative' }, color },
    });
  return {
    title,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    layer: layers,
    resolve: { scale: { color: 'shared' } },
  };
}

/**
 * Counts in bins: bars (one series), steps or lines through the bin centres, as the display's
 * style says; the legend gives each series' entries.
 */
export function histogramSpec(content: HistogramDisplay, title: string): ViewSpec {
  const edges = content.edges;
  const style = content.style ?? (content.series.length === 1 ? 'bar' : 'step');
  const named = content.series.map((s) => {
    let entries = 0;
    for (let i = 0; i < s.counts.length; i++) entries += s.counts[i] as number;
    return { ...s, label: `${s.name} (${formatEntries(entries)} entries)` };
  });
  const y: Record<string, unknown> = {
    field: 'count',
    type: 'quantitative',
    title: content.yLabel ?? 'counts',
    scale: content.logY ? { type: 'log' } : {},
  };
  const x = {
    field: 'start',
    type: 'quantitative',
    title: content.xLabel ?? '',
    scale: { domain: [edges[0], edges[edges.length - 1]], nice: false, zero: false },
  };
  const color = colorEncoding(named.map((s) => s.label));
  if (style === 'bar') {
    const values = named.flatMap((s) =>
      Array.from(s.counts, (count, i) => ({ start: edges[i], end: edges[i + 1], count, series: s.label })),
    );
    const base = content.logY
      ? { y2: { datum: lowestPositive(values.map((v) => v.count)) / 2 } }
      : { y2: { datum: 0 } };
    return {
      title,
      width: CHART_WIDTH,
      height: CHART_HEIGHT,
      data: { values: content.logY ? values.filter((v) => v.count > 0) : values },
      mark: { type: 'rect', opacity: named.length > 1 ? 0.5 : 0.9, stroke: null },
      encoding: { x, x2: { field: 'end' }, y, ...base, color },
    };
  }
  // A step outline needs the right edge of the last bin too; a line goes through the centres.
  const values = named.flatMap((s) => {
    const points = Array.from(s.counts, (count, i) => ({
      start: style === 'step' ? (edges[i] as number) : ((edges[i] as number) + (edges[i + 1] as number)) / 2,
      count,
      series: s.label,
    }));
    if (style === 'step' && points.length > 0)
      points.push({
        start: edges[edges.length - 1] as number,
        count: points[points.length - 1]!.count,
        series: s.label,
      });
    return content.logY ? points.filter((p) => p.count > 0) : points;
  });
  return {
    title,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    data: { values },
    mark: { type: 'line', interpolate: style === 'step' ? 'step-after' : 'linear', strokeWidth: 1.5 },
    encoding: { x, y, color },
  };
}

function lowestPositive(counts: readonly number[]): number {
  let lowest = Infinity;
  for (const count of counts) if (count > 0 && count < lowest) lowest = count;
  return Number.isFinite(lowest) ? lowest : 1;
}

function formatEntries(entries: number): string {
  return Number.isInteger(entries) ? String(entries) : entries.toPrecision(6);
}

/** Shared look of every picture: readable fonts, a white background, titles left. */
export const PICTURE_CONFIG = {
  background: 'white',
  font: 'Helvetica, Arial, sans-serif',
  title: { fontSize: 15, anchor: 'start' },
  axis: { titleFontSize: AXIS_TITLE_FONT_SIZE, labelFontSize: 11, grid: true, gridOpacity: 0.4 },
  legend: { labelFontSize: 12 },
};
