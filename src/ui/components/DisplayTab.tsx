import { Box, Text } from 'ink';
import { useEffect, useSyncExternalStore } from 'react';
import { displayKey, type DisplayFrame } from '../../display/index.js';
import { formatDuration, truncate } from '../format.js';
import type { TabProps } from '../tab-types.js';
import { GridView } from './GridView.js';
import { HistogramView } from './HistogramView.js';
import { LinesView } from './LinesView.js';
import { TextView } from './TextView.js';

export interface DisplayTabProps extends TabProps {
  /** Which display, as `displayKey(frame)`. */
  readonly display: string;
}

const EXITED = ' · process exited: this is its last frame';
const EXITED_BRIEFLY = ' · exited: last frame';
/** Cells the title keeps when the header is too wide (the rest of the header is cut instead). */
const MIN_TITLE_WIDTH = 16;

/** `0.4 s ago`, `12 s ago`, `3:07 ago`. */
export function formatAge(seconds: number): string {
  const age = Math.max(0, seconds);
  return age < 10 ? `${age.toFixed(1)} s ago` : `${formatDuration(age)} ago`;
}

function DisplayBody({ frame, width, height }: { frame: DisplayFrame; width: number; height: number }) {
  const content = frame.content;
  switch (content.kind) {
    case 'lines':
      return <LinesView content={content} width={width} height={height} />;
    case 'histogram':
      return <HistogramView content={content} width={width} height={height} />;
    case 'text':
      return (
        <TextView content={content} stateKey={`display.${displayKey(frame)}`} width={width} height={height} />
      );
    case 'grid':
      return (
        <GridView content={content} stateKey={`display.${displayKey(frame)}`} width={width} height={height} />
      );
  }
}

/**
 * One display a worker publishes (an oscilloscope trace, a histogram, text) with a header row:
 * its title, its process, the frame number and its age. Control reads the display's file more
 * often while this tab is shown.
 */
export function DisplayTab({ control, latest, display, width, height }: DisplayTabProps) {
  const frames = useSyncExternalStore(control.displays.subscribe, control.displays.getFrames);
  useEffect(() => control.displays.watch(), [control]);
  const frame = frames.find((f) => displayKey(f) === display);
  if (frame === undefined) return <Text dimColor>waiting for the display&apos;s first frame…</Text>;
  const process = latest?.processes.find((p) => p.worker === frame.worker && p.index === frame.processIndex);
  const hasExited = process?.state === 'exited';
  const title = frame.content.title ?? frame.name;
  const details = ` ${frame.worker}#${frame.processIndex} · frame ${frame.sequence} · ${formatAge(Date.now() / 1000 - frame.publishedAtS)}`;
  const exited = !hasExited
    ? ''
    : title.length + details.length + EXITED.length <= width
      ? EXITED
      : EXITED_BRIEFLY;
  const titleWidth = Math.max(
    Math.min(title.length, MIN_TITLE_WIDTH),
    width - details.length - exited.length,
  );
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text wrap="truncate">
        <Text bold>{truncate(title, titleWidth)}</Text>
        <Text dimColor>{details}</Text>
        {hasExited && <Text color="yellow">{exited}</Text>}
      </Text>
      <DisplayBody frame={frame} width={width} height={Math.max(1, height - 1)} />
    </Box>
  );
}
