import { Text } from 'ink';
import type { CellRun } from '../chart/braille-canvas.js';
import { seriesColor } from '../palette.js';

export interface ChartRowProps {
  /** The y-axis label ('' without a tick). */
  readonly label: string;
  readonly labelWidth: number;
  readonly runs: readonly CellRun[];
  /** Colours of the series that have their own, by series index. */
  readonly colors?: readonly (string | undefined)[] | undefined;
}

/** One text row of a chart: its y-axis label and tick, then its cells in their series' colours. */
export function ChartRow({ label, labelWidth, runs, colors }: ChartRowProps) {
  return (
    <Text wrap="truncate">
      <Text dimColor>
        {label.padStart(labelWidth)}
        {label === '' ? '│' : '┤'}
      </Text>
      {runs.map((run, i) =>
        run.series < 0 ? (
          <Text key={i}>{run.text}</Text>
        ) : (
          <Text key={i} color={seriesColor(run.series, colors)}>
            {run.text}
          </Text>
        ),
      )}
    </Text>
  );
}
