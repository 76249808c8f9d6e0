import { Box } from 'ink';
import type { HistogramDisplay } from '../../display/index.js';
import { barRows } from '../chart/bar-rows.js';
import { binColumns, type BinColumns } from '../chart/bin-columns.js';
import { BrailleCanvas } from '../chart/braille-canvas.js';
import { drawLine, drawSteps } from '../chart/series-plot.js';
import { maxTicksFor, tickLabels } from '../chart/tick-labels.js';
import { valueRange } from '../chart/value-range.js';
import { xAxisText } from '../chart/x-axis.js';
import { linearAxis, linearRange, logAxis, type ValueAxis } from '../chart/y-axis.js';
import { formatCount } from '../format.js';
import { AxisChart, axisChartParts, type AxisChartRow } from './AxisChart.js';
import { Legend } from './Legend.js';

export interface HistogramViewProps {
  readonly content: HistogramDisplay;
  readonly width: number;
  readonly height: number;
}

interface Drawn {
  readonly rows: readonly AxisChartRow[];
  readonly labelWidth: number;
  readonly layout: BinColumns;
}

function countAxis(
  content: HistogramDisplay,
  columns: readonly (readonly number[])[],
  dots: number,
  rows: number,
) {
  const maxTicks = maxTicksFor(rows);
  if (content.logY) return logAxis(columns.flat(), dots, maxTicks);
  const [, high] = linearRange(0, valueRange(columns)[1], maxTicks);
  return linearAxis(0, high, dots, maxTicks);
}

/**
 * Bars of eighth blocks (one series only), or in braille, one colour a series: step lines (the
 * default for several series) or lines through the bin centres (style 'line').
 */
function draw(content: HistogramDisplay, columns: number, rows: number): Drawn {
  const laidOut = content.series.map((s) => binColumns(s.counts, columns));
  const layout = laidOut[0] as BinColumns;
  const values = laidOut.map((l) => l.values);
  const style = content.style ?? (content.series.length === 1 ? 'bar' : 'step');
  const isBars = style === 'bar' && content.series.length === 1;
  // Bars are drawn in eighths of a row, step lines in braille dots (4 a row).
  const dotsPerRow = isBars ? 8 : 4;
  const axis: ValueAxis = countAxis(content, values, rows * dotsPerRow + (isBars ? 1 : 0), rows);
  const labels = tickLabels(axis, rows, dotsPerRow);
  const labelWidth = Math.max(1, ...labels.map((label) => label.length));
  if (isBars) {
    const lines = barRows(values[0] as number[], axis, rows);
    return {
      rows: labels.map((label, i) => ({ label, runs: [{ text: lines[i] as string, series: 0 }] })),
      labelWidth,
      layout,
    };
  }
  const canvas = new BrailleCanvas(columns, rows);
  if (style === 'line') {
    const used = values[0]?.length ?? 0;
    const centres = Array.from({ length: used }, (_, column) => column + 0.5);
    values.forEach((v, index) => drawLine(canvas, axis, v, centres, [0, Math.max(1, used)], index));
  } else values.forEach((v, index) => drawSteps(canvas, axis, v, index));
  return { rows: labels.map((label, row) => ({ label, runs: canvas.row(row) })), labelWidth, layout };
}

/** A histogram with its bin range on the x axis, counts on the y axis and a legend of the series. */
export function HistogramView({ content, width, height }: HistogramViewProps) {
  const entries = content.series.map((s) => ({
    label: s.name,
    value: `${formatCount(s.counts.reduce((sum, count) => sum + count, 0))} entries`,
  }));
  const parts = axisChartParts(height, width, entries, false);
  // The labels' width depends on the counts, which depend on how the bins fit: measure, then draw.
  const probe = draw(content, Math.max(1, width - 7), parts.plotRows);
  const columns = Math.max(1, width - probe.labelWidth - 1);
  const drawn = columns === width - 7 ? probe : draw(content, columns, parts.plotRows);
  const { binsPerColumn, values } = drawn.layout;
  const used = values.length;
  const merged = binsPerColumn > 1 ? `${binsPerColumn} bins a column` : '';
  const xLabel = [content.xLabel ?? '', merged].filter(Boolean).join(' · ');
  const edges = content.edges;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <AxisChart
        rows={drawn.rows}
        labelWidth={drawn.labelWidth}
        xAxis={xAxisText(used, edges[0] as number, edges[edges.length - 1] as number, xLabel)}
        yLabel={undefined}
        width={width}
      />
      {parts.legendRows > 0 && (
        <Legend entries={entries} width={width} layout="row" maxRows={parts.legendRows} />
      )}
    </Box>
  );
}
