import { Box, Text } from 'ink';
import { relative } from 'node:path';
import type { RunSnapshot } from '../../control/stats/snapshot.js';
import { formatBytes, formatDuration, formatPercent, truncate } from '../format.js';

export interface StatusRowProps {
  readonly latest: RunSnapshot | undefined;
  readonly runDirectory: string;
  readonly width: number;
}

/** Elapsed time, processes alive, machine CPU and memory, and the run directory. */
export function StatusRow({ latest, runDirectory, width }: StatusRowProps) {
  const alive = latest?.processes.filter((p) => p.state !== 'exited').length ?? 0;
  const parts = latest
    ? [
        `elapsed ${formatDuration(latest.elapsed)}`,
        `processes ${alive}/${latest.processes.length}`,
        `CPU ${formatPercent(latest.system.cpuPercent)}`,
        `mem ${formatBytes(latest.system.memUsedBytes)}/${formatBytes(latest.system.memTotalBytes)}`,
      ]
    : [runDirectory === '' ? 'starting the workers…' : 'waiting for the first statistics'];
  const head = parts.join(' │ ') + ' │ ';
  const fromHere = relative(process.cwd(), runDirectory);
  const directory =
    fromHere.length < runDirectory.length && !fromHere.startsWith('../..') ? fromHere : runDirectory;
  return (
    <Box width={width} height={1}>
      <Text wrap="truncate">
        {head}
        <Text dimColor>{truncate(directory, Math.max(10, width - head.length), true)}</Text>
      </Text>
    </Box>
  );
}
