import uPlot from 'uplot';
import type { DisplayContent, HistogramDisplay, LinesDisplay, PanelDisplay } from '../../display/index.js';
import { Chart, type ChartOptions } from './chart.js';
import { seriesColor } from './colors.js';
import { el, replaceChildren } from './dom.js';
import { tickLabels } from './ticks.js';

/** Dashes of the horizontal lines (e.g. a trigger level), so they differ from the curves. */
const LINE_DASH = [6, 4];

/** A log axis cannot show zero or less: those points are left out. */
const forLog = (values: readonly number[], isLog: boolean | undefined) =>
  isLog ? values.map((v) => (v > 0 ? v : null)) : [...values];

function axes(xLabel: string | undefined, yLabel: string | undefined): uPlot.Axis[] {
  return [
    { label: xLabel ?? '', values: tickLabels },
    { label: yLabel ?? '', values: tickLabels, size: 60 },
  ];
}

function linesChart(content: LinesDisplay): [string, () => ChartOptions, uPlot.AlignedData] {
  const length = content.series[0]?.y.length ?? 0;
  const x = content.x !== undefined ? [...content.x] : Array.from({ length }, (_, i) => i);
  const levels = content.horizontalLines ?? [];
  const data = [
    x,
    ...content.series.map((s) => forLog([...s.y], content.logY)),
    ...levels.map((line) => x.map(() => line.y)),
  ] as uPlot.AlignedData;
  const signature = [
    'lines',
    content.logY,
    content.yRange,
    ...content.series.map((s) => `${s.name}\u0001${s.color ?? ''}`),
    ...levels.map((l) => l.name),
  ].join('\u0000');
  const options = (): ChartOptions => ({
    scales: {
      x: { time: false },
      y: {
        distr: content.logY ? 3 : 1,
        ...(content.yRange !== undefined
          ? { auto: false, range: [...content.yRange] as uPlot.Range.MinMax }
          : {}),
      },
    },
    axes: axes(content.xLabel, content.yLabel),
    series: [
      { label: content.xLabel ?? 'x' },
      ...content.series.map((s, i) => ({ label: s.name, stroke: s.color ?? seriesColor(i), width: 1.5 })),
      ...levels.map((line, i) => ({
        label: line.name,
        stroke: seriesColor(content.series.length + i),
        dash: LINE_DASH,
        width: 1,
      })),
    ],
  });
  return [signature, options, data];
}

function histogramChart(content: HistogramDisplay): [string, () => ChartOptions, uPlot.AlignedData] {
  const edges = [...content.edges];
  const style = content.style ?? (content.series.length > 1 ? 'step' : 'bar');
  const centres = edges.slice(0, -1).map((edge, i) => (edge + (edges[i + 1] as number)) / 2);
  // Steps run from each left edge to the last right edge: the last count is given once more.
  const x = style === 'step' ? edges : centres;
  const counts = (values: readonly number[]) =>
    forLog(style === 'step' ? [...values, values.at(-1) ?? 0] : [...values], content.logY);
  const data = [x, ...content.series.map((s) => counts([...s.counts]))] as uPlot.AlignedData;
  const paths =
    style === 'bar'
      ? uPlot.paths.bars?.({ size: [1, Infinity], align: 0 })
      : style === 'step'
        ? uPlot.paths.stepped?.({ align: 1 })
        : undefined;
  const signature = [
    'histogram',
    style,
    content.logY,
    edges[0],
    edges.at(-1),
    ...content.series.map((s) => s.name),
  ].join('\u0000');
  const options = (): ChartOptions => ({
    scales: {
      x: { time: false, range: [edges[0] ?? 0, edges.at(-1) ?? 1] },
      y: content.logY ? { distr: 3 } : { range: (_u, _min, max) => [0, Math.max(1, max * 1.05)] },
    },
    axes: axes(content.xLabel, content.yLabel ?? 'counts'),
    series: [
      { label: content.xLabel ?? 'x' },
      ...content.series.map((s, i) => ({
        label: s.name,
        stroke: seriesColor(i),
        fill: style === 'bar' ? `${seriesColor(i)}66` : undefined,
        width: 1.5,
        paths,
        points: { show: false },
      })),
    ],
  });
  return [signature, options, data];
}

/** One chart panel: a lines or histogram display, with its title. */
class PanelView {
  readonly element: HTMLElement;
  readonly #title = el('h4');
  readonly #chart = new Chart();

  constructor() {
    this.element = el('div', { className: 'panel' }, this.#title, this.#chart.element);
  }

  update(content: PanelDisplay): void {
    this.#title.textContent = content.title ?? '';
    const [signature, options, data] =
      content.kind === 'lines' ? linesChart(content) : histogramChart(content);
    this.#chart.update(signature, options, data);
  }
}

/** A display a worker publishes, drawn as its kind wants: curves, a histogram, a grid, text. */
export class DisplayView {
  readonly element: HTMLElement;
  readonly #body = el('div', { className: 'display-body' });
  #panels: PanelView[] = [];
  #kind = '';

  constructor(heading: string) {
    this.element = el('article', { className: 'display' }, el('h3', {}, heading), this.#body);
  }

  update(content: DisplayContent): void {
    if (content.kind === 'text') {
      this.#kind = 'text';
      this.#panels = [];
      return replaceChildren(
        this.#body,
        content.title !== undefined ? el('h4', {}, content.title) : undefined,
        el('pre', {}, content.lines.join('\n')),
      );
    }
    const panels = content.kind === 'grid' ? content.panels : [content];
    const kind = `${content.kind}:${panels.length}`;
    if (kind !== this.#kind) {
      this.#kind = kind;
      this.#panels = panels.map(() => new PanelView());
      replaceChildren(
        this.#body,
        content.kind === 'grid' && content.title !== undefined ? el('h4', {}, content.title) : undefined,
        el(
          'div',
          { className: content.kind === 'grid' ? 'grid-panels' : 'single-panel' },
          ...this.#panels.map((p) => p.element),
        ),
      );
    }
    panels.forEach((panel, i) => this.#panels[i]?.update(panel));
  }
}
