import { Text } from 'ink';
import { formatBytes, formatPercent } from '../format.js';
import { chartWindowS, seriesPoints } from '../history.js';
import type { TabProps } from '../tab-types.js';
import { ChartWithLegend } from './ChartWithLegend.js';

const CONTROL_LABEL = 'control';
const SYSTEM_LABEL = 'system';

/** CPU of each worker (its processes summed), of control and of the whole machine, last minute. */
export function CpuTab({ latest, history, width, height }: TabProps) {
  if (latest === undefined) return <Text dimColor>waiting for the first statistics…</Text>;
  const series = [
    ...latest.workers.map((worker) => ({
      label: worker.name,
      value: `${formatPercent(worker.cpuPercent)} ${formatBytes(worker.rssBytes)}`,
      points: seriesPoints(history, (s) => s.workers.find((w) => w.name === worker.name)?.cpuPercent),
    })),
    {
      label: CONTROL_LABEL,
      value: `${formatPercent(latest.control.cpuPercent)} ${formatBytes(latest.control.rssBytes)}`,
      points: seriesPoints(history, (s) => s.control.cpuPercent),
    },
    {
      label: SYSTEM_LABEL,
      value: `${formatPercent(latest.system.cpuPercent)} of all cores`,
      points: seriesPoints(history, (s) => s.system.cpuPercent),
    },
  ];
  return (
    <ChartWithLegend
      series={series}
      scale="linear"
      windowS={chartWindowS(latest)}
      minTop={100}
      width={width}
      height={height}
      formatTick={(value) => `${value.toFixed(0)}%`}
    />
  );
}
