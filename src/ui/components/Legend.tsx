import { Box, Text } from 'ink';
import type { ReactElement } from 'react';
import { abbreviate } from '../format.js';
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

/** `value note`: what stands after the label. */
function valueText(entry: LegendEntry): string {
  return entry.note ? `${entry.value} ${entry.note}` : entry.value;
}

function Value({ entry, width }: { readonly entry: LegendEntry; readonly width: number }) {
  return (
    <>
      {' '.repeat(Math.max(0, width - valueText(entry).length))}
      {entry.value}
      {entry.note ? <Text color="yellow"> {entry.note}</Text> : null}
    </>
  );
}

/**
 * The series of a chart: colour mark, name, current value. Beside a chart the values line up in
 * a column; an entry whose name does not fit next to them takes a second row for its value. A
 * name longer than the legend is wide loses its middle (`calcul…heights`), never its value.
 */
export function Legend({ entries, width, layout, maxRows }: LegendProps) {
  if (layout === 'row') {
    let count = entries.length;
    while (count > 0 && legendRows(entries.slice(0, count), width) > maxRows) count--;
    return (
      <Box flexDirection="row" flexWrap="wrap" width={width} columnGap={2}>
        {entries.slice(0, count).map((entry, index) => (
          <Text key={index} wrap="truncate">
            <Text color={entry.color ?? seriesColor(index)}>■</Text>{' '}
            {abbreviate(entry.label, Math.max(1, width - 3 - valueText(entry).length))}{' '}
            <Value entry={entry} width={0} />
          </Text>
        ))}
      </Box>
    );
  }
  const valueWidth = Math.max(...entries.map((entry) => valueText(entry).length), 1);
  const labelWidth = width - 3 - valueWidth;
  const rows: ReactElement[] = [];
  for (const [index, entry] of entries.entries()) {
    const mark = <Text color={entry.color ?? seriesColor(index)}>■ </Text>;
    if (entry.label.length <= labelWidth) {
      if (rows.length + 1 > maxRows) break;
      rows.push(
        <Text key={index} wrap="truncate">
          {mark}
          {entry.label.padEnd(labelWidth)} <Value entry={entry} width={valueWidth} />
        </Text>,
      );
    } else {
      if (rows.length + 2 > maxRows) break;
      rows.push(
        <Text key={index} wrap="truncate">
          {mark}
          {abbreviate(entry.label, width - 2)}
        </Text>,
        <Text key={`${index}:value`} wrap="truncate">
          <Value entry={entry} width={width} />
        </Text>,
      );
    }
  }
  return (
    <Box flexDirection="column" width={width}>
      {rows}
    </Box>
  );
}

/** Cells a column-layout legend needs to show every entry on one row, values lined up. */
export function columnLegendWidth(entries: readonly LegendEntry[]): number {
  const label = Math.max(0, ...entries.map((entry) => entry.label.length));
  const value = Math.max(1, ...entries.map((entry) => valueText(entry).length));
  return 2 + label + 1 + value;
}

/** Cells of an entry side by side with others: its name is shortened to fit `width`. */
function entryWidth(entry: LegendEntry, width: number): number {
  return Math.min(width, 2 + entry.label.length + 1 + valueText(entry).length);
}

/** Rows a row-layout legend takes at `width` (entries are never split). */
export function legendRows(entries: readonly LegendEntry[], width: number): number {
  return wrappedRows(
    entries.map((entry) => entryWidth(entry, width)),
    width,
  );
}
