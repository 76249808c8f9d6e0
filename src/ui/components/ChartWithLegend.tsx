import { Box } from 'ink';
import type { ChartScale, ChartSeries } from '../chart/plot.js';
import { columnLegendWidth, Legend, legendRows, type LegendEntry } from './Legend.js';
import { LineChart } from './LineChart.js';

export interface ChartWithLegendProps {
  readonly series: readonly (ChartSeries & LegendEntry)[];
  readonly scale: ChartScale;
  readonly width: number;
  readonly height: number;
  readonly formatTick: (value: number) => string;
  readonly minTop?: number;
  /** Seconds the chart spans, ending now (chartWindowS). */
  readonly windowS: number;
}

/** Below this width the legend goes under the chart instead of beside it. */
const SIDE_LEGEND_MIN_WIDTH = 100;
const MIN_SIDE_LEGEND_WIDTH = 12;

/** A line chart of the run's last minute with its legend beside it (wide terminals) or under it. */
export function ChartWithLegend(props: ChartWithLegendProps) {
  const { series, width, height } = props;
  const isBeside = width >= SIDE_LEGEND_MIN_WIDTH;
  const legendWidth = isBeside
    ? Math.min(Math.floor(width / 3), Math.max(columnLegendWidth(series), MIN_SIDE_LEGEND_WIDTH))
    : width;
  const below = isBeside ? 0 : Math.min(legendRows(series, width), Math.max(0, height - 3));
  const chartWidth = isBeside ? width - legendWidth - 2 : width;
  const chartHeight = height - below;
  return (
    <Box flexDirection={isBeside ? 'row' : 'column'} width={width} height={height} columnGap={2}>
      <LineChart
        series={series}
        scale={props.scale}
        width={chartWidth}
        height={chartHeight}
        windowS={props.windowS}
        formatTick={props.formatTick}
        minTop={props.minTop}
      />
      {series.length > 0 && (
        <Legend
          entries={series}
          width={legendWidth}
          layout={isBeside ? 'column' : 'row'}
          maxRows={isBeside ? chartHeight : below}
        />
      )}
    </Box>
  );
}
