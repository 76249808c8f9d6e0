import { Box, Text } from 'ink';
import { ChartRow } from './ChartRow.js';
import { plotChart, type ChartScale, type ChartSeries } from '../chart/plot.js';

export interface LineChartProps {
  readonly series: readonly ChartSeries[];
  readonly scale: ChartScale;
  /** Cells for the whole chart, axes included. */
  readonly width: number;
  readonly height: number;
  readonly windowS: number;
  readonly formatTick: (value: number) => string;
  /** Linear scale: the top is at least this. */
  readonly minTop?: number;
}

/** `-60 s`, `-2.5 s`: whole seconds from 10 s on, else one decimal. */
function secondsAgo(seconds: number): string {
  const text = seconds >= 10 ? String(Math.round(seconds)) : seconds.toFixed(1).replace(/\.0$/, '');
  return `-${text} s`;
}

function timeAxis(columns: number, windowS: number): string {
  const left = secondsAgo(windowS);
  const middle = secondsAgo(windowS / 2);
  const right = 'now';
  if (columns < left.length + right.length + 2) return right.padStart(columns);
  const chars = Array.from({ length: columns }, () => ' ');
  const put = (text: string, at: number) => {
    for (let i = 0; i < text.length; i++) chars[at + i] = text[i] as string;
  };
  put(left, 0);
  if (columns >= left.length + middle.length + right.length + 4)
    put(middle, Math.floor((columns - middle.length) / 2));
  put(right, columns - right.length);
  return chars.join('');
}

/** A line chart of braille dots with a y axis (linear or log) and a time axis ending now. */
export function LineChart(props: LineChartProps) {
  const plotRows = Math.max(0, props.height - 1);
  const probe = plotChart(props.series, {
    columns: 1,
    rows: Math.max(1, plotRows),
    scale: props.scale,
    windowS: props.windowS,
    minTop: props.minTop,
    formatTick: props.formatTick,
  });
  const labelWidth = Math.max(1, ...probe.map((row) => row.label.length));
  const columns = Math.max(0, props.width - labelWidth - 1);
  const rows = plotChart(props.series, {
    columns,
    rows: plotRows,
    scale: props.scale,
    windowS: props.windowS,
    minTop: props.minTop,
    formatTick: props.formatTick,
  });
  return (
    <Box flexDirection="column" width={props.width} height={props.height}>
      {rows.map((row, index) => (
        <ChartRow key={index} label={row.label} labelWidth={labelWidth} runs={row.runs} />
      ))}
      {props.height > 0 && (
        <Text dimColor wrap="truncate">
          {' '.repeat(labelWidth + 1)}
          {timeAxis(columns, props.windowS)}
        </Text>
      )}
    </Box>
  );
}
