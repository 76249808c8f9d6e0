import { Box, Text } from 'ink';
import type { CellRun } from '../chart/braille-canvas.js';
import { seriesColor } from '../palette.js';
import { legendRows, type LegendEntry } from './Legend.js';

/** One text row of a chart: its y-axis label ('' without a tick) and its cells. */
export interface AxisChartRow {
  readonly label: string;
  readonly runs: readonly CellRun[];
}

export interface AxisChartProps {
  readonly rows: readonly AxisChartRow[];
  /** Columns of the y-axis labels (the axis line comes after them). */
  readonly labelWidth: number;
  /** The row under the chart, as wide as the plotting area. */
  readonly xAxis: string;
  /** A text above the y axis (its unit), or undefined for none. */
  readonly yLabel: string | undefined;
  readonly width: number;
}

/** Rows of coloured cells with a labelled y axis on the left and an x axis row underneath. */
export function AxisChart({ rows, labelWidth, xAxis, yLabel, width }: AxisChartProps) {
  return (
    <Box flexDirection="column" width={width}>
      {yLabel !== undefined && (
        <Text dimColor wrap="truncate">
          {yLabel}
        </Text>
      )}
      {rows.map((row, index) => (
        <Text key={index} wrap="truncate">
          <Text dimColor>
            {row.label.padStart(labelWidth)}
            {row.label === '' ? '│' : '┤'}
          </Text>
          {row.runs.map((run, i) =>
            run.series < 0 ? (
              <Text key={i}>{run.text}</Text>
            ) : (
              <Text key={i} color={seriesColor(run.series)}>
                {run.text}
              </Text>
            ),
          )}
        </Text>
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
