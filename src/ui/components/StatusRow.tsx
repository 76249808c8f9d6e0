import { Box, Text } from 'ink';
import { relative } from 'node:path';
import { DISK_WARNING_S } from '../../control/stats/disk-space.js';
import type { RunSnapshot } from '../../control/stats/snapshot.js';
import { formatBytes, formatDuration, formatPercent, truncate } from '../format.js';
import { breakIntoRows } from '../log-rows.js';

export interface StatusRowProps {
  readonly latest: RunSnapshot | undefined;
  readonly runDirectory: string;
  readonly width: number;
  /** Lines under the status, each whole (on as many rows as it needs): the web page's address. */
  readonly pinnedLines?: readonly string[];
}

const SEPARATOR = ' │ ';
const DIRECTORY_LABEL = 'run directory: ';

interface StatusLayout {
  /** Elapsed time, processes, CPU, memory. */
  readonly head: string;
  /** The run directory, from the working directory when that is shorter ('' before the run). */
  readonly directory: string;
  /** Whether the directory takes a row of its own, because head and directory do not fit one. */
  readonly isSplit: boolean;
  /** `disk full in ~N min │ ` when the disk fills within the hour, shown first; else ''. */
  readonly diskWarning: string;
}

function layoutOf({ latest, runDirectory, width }: StatusRowProps): StatusLayout {
  const alive = latest?.processes.filter((p) => p.state !== 'exited').length ?? 0;
  const head = latest
    ? [
        `elapsed ${formatDuration(latest.elapsed)}`,
        `processes ${alive}/${latest.processes.length}`,
        `CPU ${formatPercent(latest.system.cpuPercent)}`,
        `mem ${formatBytes(latest.system.memUsedBytes)}/${formatBytes(latest.system.memTotalBytes)}`,
      ].join(SEPARATOR)
    : runDirectory === ''
      ? 'starting the workers…'
      : 'waiting for the first statistics';
  const fromHere = relative(process.cwd(), runDirectory);
  const directory =
    fromHere.length < runDirectory.length && !fromHere.startsWith('../..') ? fromHere : runDirectory;
  const secondsLeft = latest?.disk?.secondsLeft;
  const diskWarning =
    secondsLeft !== undefined && secondsLeft < DISK_WARNING_S
      ? `disk full in ~${Math.max(1, Math.round(secondsLeft / 60))} min${SEPARATOR}`
      : '';
  const isSplit =
    directory !== '' && diskWarning.length + head.length + SEPARATOR.length + directory.length > width;
  return { head, directory, isSplit, diskWarning };
}

/** A pinned line's rows: a `label: value` too wide for one row has its value on a row of its own
 * when it fits there (an address stays in one piece, to be selected and copied). */
function pinnedRows({ pinnedLines = [], width }: StatusRowProps): string[] {
  return pinnedLines.flatMap((line) => {
    const colon = line.indexOf(': ');
    const value = line.slice(colon + 2);
    if (line.length > width && colon >= 0 && value.length <= width) return [line.slice(0, colon + 1), value];
    return breakIntoRows(line, Math.max(1, width));
  });
}

/**
 * Rows the status takes at this width: 1, or 2 when the run directory needs a row of its own,
 * and those of the pinned lines.
 */
export function statusRows(props: StatusRowProps): number {
  return (layoutOf(props).isSplit ? 2 : 1) + pinnedRows(props).length;
}

/**
 * Elapsed time, processes alive, machine CPU and memory, and the run directory: beside them when
 * it fits, else on a row of its own (cut at its start only if even that is too narrow); when the
 * disk fills within the hour, that first. Then the pinned lines (the web page's address).
 */
export function StatusRow(props: StatusRowProps) {
  const pinned = pinnedRows(props);
  if (pinned.length === 0) return <StatusRows {...props} />;
  return (
    <Box width={props.width} flexDirection="column">
      <StatusRows {...props} />
      {pinned.map((row, index) => (
        <Text key={index} wrap="truncate">
          {row}
        </Text>
      ))}
    </Box>
  );
}

function StatusRows(props: StatusRowProps) {
  const { head, directory, isSplit, diskWarning } = layoutOf(props);
  const warning = diskWarning === '' ? null : <Text color="red">{diskWarning}</Text>;
  const { width } = props;
  if (!isSplit) {
    return (
      <Box width={width} height={1}>
        <Text wrap="truncate">
          {warning}
          {head}
          {directory === '' ? '' : SEPARATOR}
          <Text dimColor>{directory}</Text>
        </Text>
      </Box>
    );
  }
  return (
    <Box width={width} height={2} flexDirection="column">
      <Text wrap="truncate">
        {warning}
        {head}
      </Text>
      <Text wrap="truncate">
        {DIRECTORY_LABEL}
        <Text dimColor>{truncate(directory, Math.max(1, width - DIRECTORY_LABEL.length), true)}</Text>
      </Text>
    </Box>
  );
}
