import { Box, Text } from 'ink';
import { ChartRow } from './ChartRow.js';
import type { PlotRow } from '../chart/plot.js';
import { legendRows, type LegendEntry } from './Legend.js';

/** One text row of a chart: its y-axis label ('' without a tick) and its cells. */
export type AxisChartRow = PlotRow;

export interface AxisChartProps {
  readonly rows: readonly AxisChartRow[];
  /** Columns of the y-axis labels (the axis line comes after them). */
  readonly labelWidth: number;
  /** The row under the chart, as wide as the plotting area. */
  readonly xAxis: string;
  /** A text above the y axis (its unit), or undefined for none. */
  readonly yLabel: string | undefined;
  readonly width: number;
  /** Colours of the series that have their own, by series index. */
  readonly colors?: readonly (string | undefined)[] | undefined;
}

/** Rows of coloured cells with a labelled y axis on the left and an x axis row underneath. */
export function AxisChart({ rows, labelWidth, xAxis, yLabel, width, colors }: AxisChartProps) {
  return (
    <Box flexDirection="column" width={width}>
      {yLabel !== undefined && (
        <Text dimColor wrap="truncate">
          {yLabel}
        </Text>
      )}
      {rows.map((row, index) => (
        <ChartRow key={index} label={row.label} labelWidth={labelWidth} runs={row.runs} colors={colors} />
      ))}
      <Text dimColor wrap="truncate">
        {' '.repeat(labelWidth)}└{xAxis}
      </Text>
    </Box>
  );
}

/** Rows of a display's chart: the y label, the plotting rows, the x axis and the legend. */
export interface AxisChartParts {
  readonly yLabelRows: number;
  readonly plotRows: number;
  readonly legendRows: number;
}

/** At most this many rows of legend under a chart. */
const MAX_LEGEND_ROWS = 2;

/** Shares `height` between the plot and the rows around it; the plot keeps at least 2 rows. */
export function axisChartParts(
  height: number,
  width: number,
  entries: readonly LegendEntry[],
  hasYLabel: boolean,
): AxisChartParts {
  const yLabelRows = hasYLabel && height >= 6 ? 1 : 0;
  const room = Math.max(0, height - yLabelRows - 1 - 2);
  const legend = Math.min(MAX_LEGEND_ROWS, legendRows(entries, width), room);
  return { yLabelRows, plotRows: Math.max(1, height - yLabelRows - 1 - legend), legendRows: legend };
}
