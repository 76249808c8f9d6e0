import { Text } from 'ink';
import { formatCount, formatRate } from '../format.js';
import { chartWindowS, seriesPoints } from '../history.js';
import type { TabProps } from '../tab-types.js';
import { ChartWithLegend } from './ChartWithLegend.js';

/** Events per second of every buffer over the last minute, log scale. */
export function RatesTab({ latest, history, width, height }: TabProps) {
  if (latest === undefined) return <Text dimColor>waiting for the first statistics…</Text>;
  const series = latest.buffers.map((buffer) => ({
    label: buffer.name,
    value: formatRate(buffer.rate),
    note: buffer.ended ? 'ended' : buffer.paused ? 'paused' : undefined,
    points: seriesPoints(history, (s) => s.buffers.find((b) => b.name === buffer.name)?.rate),
  }));
  return (
    <ChartWithLegend
      series={series}
      scale="log"
      windowS={chartWindowS(latest)}
      width={width}
      height={height}
      formatTick={formatCount}
    />
  );
}
