import { Box } from 'ink';
import type { LinesDisplay } from '../../display/index.js';
import { BrailleCanvas } from '../chart/braille-canvas.js';
import { drawHorizontalLine, drawLine } from '../chart/series-plot.js';
import { maxTicksFor, tickLabels } from '../chart/tick-labels.js';
import { valueRange } from '../chart/value-range.js';
import { xAxisText } from '../chart/x-axis.js';
import { linearAxis, linearRange, logAxis, type ValueAxis } from '../chart/y-axis.js';
import { AxisChart, axisChartParts } from './AxisChart.js';
import { Legend } from './Legend.js';

export interface LinesViewProps {
  readonly content: LinesDisplay;
  readonly width: number;
  readonly height: number;
}

function valueAxis(content: LinesDisplay, dots: number, maxTicks: number): ValueAxis {
  // The horizontal lines (a trigger level) are in the range too, so that they are seen.
  const ys = [...content.series.map((s) => s.y), (content.horizontalLines ?? []).map((line) => line.y)];
  if (content.logY) return logAxis(ys.flat(), dots, maxTicks, content.yRange);
  const [low, high] = linearRange(...valueRange(ys), maxTicks, content.yRange);
  return linearAxis(low, high, dots, maxTicks);
}

function xRange(content: LinesDisplay): [number, number] {
  const [low, high] =
    content.x === undefined
      ? [0, Math.max(0, ...content.series.map((s) => s.y.length - 1))]
      : valueRange([content.x]);
  return high > low ? [low, high] : [low - 0.5, low + 0.5];
}

/**
 * Curves over a shared x axis in braille dots, with both axes and a legend of the series; the
 * horizontal lines dashed, in the colours after the series'.
 */
export function LinesView({ content, width, height }: LinesViewProps) {
  const horizontalLines = content.horizontalLines ?? [];
  const colors = content.series.map((s) => s.color);
  const entries = [
    ...content.series.map((s) => ({ label: s.name, value: '', color: s.color })),
    ...horizontalLines.map((line) => ({ label: line.name, value: '' })),
  ];
  const parts = axisChartParts(height, width, entries, content.yLabel !== undefined);
  const axis = valueAxis(content, parts.plotRows * 4, maxTicksFor(parts.plotRows));
  const labels = tickLabels(axis, parts.plotRows, 4);
  const labelWidth = Math.max(1, ...labels.map((label) => label.length));
  const canvas = new BrailleCanvas(Math.max(1, width - labelWidth - 1), parts.plotRows);
  const range = xRange(content);
  const lineColors = content.series.length;
  horizontalLines.forEach((line, index) => drawHorizontalLine(canvas, axis, line.y, lineColors + index));
  content.series.forEach((s, index) => drawLine(canvas, axis, s.y, content.x, range, index));
  const xLabel = content.xLabel ?? (content.x === undefined ? 'sample' : '');
  return (
    <Box flexDirection="column" width={width} height={height}>
      <AxisChart
        rows={labels.map((label, row) => ({ label, runs: canvas.row(row) }))}
        labelWidth={labelWidth}
        xAxis={xAxisText(canvas.columns, range[0], range[1], xLabel)}
        yLabel={parts.yLabelRows > 0 ? content.yLabel : undefined}
        width={width}
        colors={colors}
      />
      {parts.legendRows > 0 && (
        <Legend entries={entries} width={width} layout="row" maxRows={parts.legendRows} />
      )}
    </Box>
  );
}
