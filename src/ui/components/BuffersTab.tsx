import { Box, Text } from 'ink';
import { absorbSeconds } from '../../control/stats/absorb-seconds.js';
import { stageText } from '../../control/stats/format-age.js';
import type { BufferSnapshot } from '../../control/stats/snapshot.js';
import { abbreviate, formatCount, formatPercent } from '../format.js';
import { useScroll } from '../hooks/use-scroll.js';
import type { TabProps } from '../tab-types.js';

function absorbText(buffer: BufferSnapshot): string {
  if (buffer.ended) return '';
  const seconds = absorbSeconds(buffer);
  if (!Number.isFinite(seconds)) return 'free slots last: no input';
  return `free slots last ${seconds < 10 ? seconds.toFixed(2) : seconds.toFixed(0)} s`;
}

/** A bar of `width` cells: filled █, in use ▒, free ░ (rounded so the cells add up). */
function Bar({ buffer, width }: { buffer: BufferSnapshot; width: number }) {
  const filled = Math.round(buffer.filled * width);
  const inUse = Math.min(width - filled, Math.round(buffer.inUse * width));
  const free = Math.max(0, width - filled - inUse);
  return (
    <Text>
      <Text color={buffer.ended ? 'gray' : 'green'}>{'█'.repeat(filled)}</Text>
      <Text color="yellow">{'▒'.repeat(inUse)}</Text>
      <Text dimColor>{'░'.repeat(free)}</Text>
    </Text>
  );
}

function Markers({ buffer }: { buffer: BufferSnapshot }) {
  return (
    <>
      {buffer.isRoot && <Text color="blue">root </Text>}
      {buffer.paused && <Text color="yellow">paused </Text>}
      {buffer.stopRequested && !buffer.ended && <Text color="yellow">stopping </Text>}
      {buffer.ended && <Text color="gray">ended </Text>}
    </>
  );
}

function Counts({ buffer }: { buffer: BufferSnapshot }) {
  return (
    <Text>
      discarded{' '}
      <Text color={buffer.discarded > 0 ? 'yellow' : undefined}>{formatCount(buffer.discarded)}</Text>
      {'  '}overwritten{' '}
      <Text color={buffer.overwritten > 0 ? 'yellow' : undefined}>{formatCount(buffer.overwritten)}</Text>
      {buffer.dropped > 0 && <Text color="red">{`  dropped ${formatCount(buffer.dropped)}`}</Text>}
      {buffer.undeliverable > 0 && (
        <Text color="red">{`  undeliverable ${formatCount(buffer.undeliverable)}`}</Text>
      )}
    </Text>
  );
}

/** Below this width each buffer takes two rows. */
const ONE_ROW_MIN_WIDTH = 185;
/** Cells of a one-row buffer line besides its name and bar: shares, time left, counts, lag, markers. */
const ONE_ROW_TEXT_WIDTH = 135;

/** From this width on the second row of a buffer starts under its bar. */
const WIDE_SECOND_ROW_MIN_WIDTH = 120;

/**
 * Per buffer: slots filled / in use / free, paused and ended, lost events, time left to fill, and
 * how far its readers trail (lag, age of the events they take); ↑↓ when not all fit.
 */
export function BuffersTab({ latest, width, height }: TabProps) {
  const buffers = latest?.buffers ?? [];
  const isOneRow = width >= ONE_ROW_MIN_WIDTH;
  const perBuffer = isOneRow ? 1 : 2;
  const fit = Math.max(1, Math.floor((height - 1) / perBuffer));
  const first = useScroll('buffers.first', buffers.length, fit, fit);
  if (latest === undefined) return <Text dimColor>waiting for the first statistics…</Text>;
  const nameWidth = Math.min(24, Math.max(8, ...buffers.map((b) => b.name.length)));
  const barWidth = Math.max(10, Math.min(50, width - nameWidth - (isOneRow ? ONE_ROW_TEXT_WIDTH : 30)));
  // A narrow terminal gives the second row the room under the name too.
  const secondRowIndent = width < WIDE_SECOND_ROW_MIN_WIDTH ? 2 : nameWidth + 1;
  const shown = buffers.slice(first, first + fit);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text dimColor wrap="truncate">
        <Text color="green">█</Text> filled (waiting for a reader) <Text color="yellow">▒</Text> in use{' '}
        <Text>░</Text> free
        {buffers.length > shown.length
          ? `   (${first + 1}–${first + shown.length} of ${buffers.length}, ↑↓ PgUp PgDn)`
          : ''}
      </Text>
      {shown.map((buffer) => {
        const name = abbreviate(buffer.name, nameWidth).padEnd(nameWidth);
        const share = `${formatPercent(buffer.filled * 100)} filled ${formatPercent(buffer.free * 100)} free of ${buffer.slotCount}`;
        if (isOneRow) {
          return (
            <Text key={buffer.name} wrap="truncate">
              {name} <Bar buffer={buffer} width={barWidth} /> {share.padEnd(28)}{' '}
              {absorbText(buffer).padEnd(27)} <Counts buffer={buffer} />
              {'  '}
              {stageText(buffer)} <Markers buffer={buffer} />
            </Text>
          );
        }
        return (
          <Box key={buffer.name} flexDirection="column">
            <Text wrap="truncate">
              {name} <Bar buffer={buffer} width={barWidth} /> {share}
            </Text>
            <Text wrap="truncate">
              {' '.repeat(secondRowIndent)}
              <Markers buffer={buffer} />
              {absorbText(buffer) !== '' && <Text dimColor>{`${absorbText(buffer)}  `}</Text>}
              <Counts buffer={buffer} />
              {'  '}
              {stageText(buffer)}
            </Text>
          </Box>
        );
      })}
    </Box>
  );
}
