import { Box, Text } from 'ink';
import { truncate } from '../format.js';
import { wrappedRows } from '../wrap-rows.js';
import { seriesColor } from '../palette.js';

export interface LegendEntry {
  readonly label: string;
  /** The current value, as shown next to the label. */
  readonly value: string;
  readonly note?: string;
  /** Its own colour; by default the palette's for its place. */
  readonly color?: string | undefined;
}

export interface LegendProps {
  readonly entries: readonly LegendEntry[];
  readonly width: number;
  /** One entry per row (beside a chart), or entries side by side wrapping (under a chart). */
  readonly layout: 'column' | 'row';
  /** Rows it may take; entries that do not fit are left out. */
  readonly maxRows: number;
}

function entryWidth(entry: LegendEntry): number {
  return 2 + entry.label.length + 1 + entry.value.length + (entry.note ? entry.note.length + 1 : 0);
}

/** The series of a chart: colour mark, name, current value. */
export function Legend({ entries: all, width, layout, maxRows }: LegendProps) {
  let count = layout === 'column' ? Math.min(all.length, maxRows) : all.length;
  while (layout === 'row' && count > 0 && legendRows(all.slice(0, count), width) > maxRows) count--;
  const entries = all.slice(0, count);
  if (layout === 'column') {
    const valueWidth = Math.max(...entries.map((e) => e.value.length), 1);
    const labelWidth = Math.max(1, width - valueWidth - 3);
    return (
      <Box flexDirection="column" width={width}>
        {entries.map((entry, index) => (
          <Text key={index} wrap="truncate">
            <Text color={entry.color ?? seriesColor(index)}>■ </Text>
            {truncate(entry.label, labelWidth).padEnd(labelWidth)} {entry.value.padStart(valueWidth)}
            {entry.note ? <Text color="yellow"> {entry.note}</Text> : null}
          </Text>
        ))}
      </Box>
    );
  }
  return (
    <Box flexDirection="row" flexWrap="wrap" width={width} columnGap={2}>
      {entries.map((entry, index) => (
        <Text key={index} wrap="truncate">
          <Text color={entry.color ?? seriesColor(index)}>■</Text> {entry.label} {entry.value}
          {entry.note ? <Text color="yellow"> {entry.note}</Text> : null}
        </Text>
      ))}
    </Box>
  );
}

/** Rows a row-layout legend takes at `width` (entries are never split). */
export function legendRows(entries: readonly LegendEntry[], width: number): number {
  return wrappedRows(entries.map(entryWidth), width);
}
