import { Box, Text } from 'ink';
import type { RunSnapshot } from '../../control/stats/snapshot.js';
import { abbreviate, formatInteger, formatPercent, formatRate } from '../format.js';

export interface RootTableProps {
  readonly latest: RunSnapshot | undefined;
  readonly roots: readonly string[];
  readonly width: number;
  /** Rows for the root buffers (the header comes on top). */
  readonly maxRows: number;
}

/** The exact numbers of the root buffers, where events enter. */
export function RootTable({ latest, roots, width, maxRows }: RootTableProps) {
  const nameWidth = Math.min(24, Math.max(11, ...roots.map((name) => name.length)));
  const row = (name: string, events: string, rate: string, dead: string, paused: string, ended: string) =>
    `${abbreviate(name, nameWidth).padEnd(nameWidth)}${events.padStart(14)}${rate.padStart(11)}${dead.padStart(11)}${paused.padStart(8)}${ended.padStart(7)}`;
  const shown = roots.slice(0, maxRows);
  return (
    <Box flexDirection="column" width={width}>
      <Text bold wrap="truncate">
        {row('root buffer', 'events', 'rate', 'dead time', 'paused', 'ended')}
        {roots.length > shown.length ? (
          <Text dimColor>{`  (+${roots.length - shown.length} more)`}</Text>
        ) : null}
      </Text>
      {shown.map((name) => {
        const buffer = latest?.buffers.find((b) => b.name === name);
        return (
          <Text
            key={name}
            wrap="truncate"
            color={buffer?.paused ? 'yellow' : buffer?.ended ? 'gray' : undefined}
          >
            {buffer === undefined
              ? row(name, '-', '-', '-', '-', '-')
              : row(
                  name,
                  formatInteger(buffer.events),
                  formatRate(buffer.rate),
                  formatPercent(buffer.deadTime * 100),
                  buffer.paused ? 'yes' : 'no',
                  buffer.ended ? 'yes' : 'no',
                )}
          </Text>
        );
      })}
    </Box>
  );
}
