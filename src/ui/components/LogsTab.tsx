import { Box, Text } from 'ink';
import type { LogLine } from '../../control/logs/index.js';
import { useLogLines } from '../hooks/use-log-lines.js';
import { CONTROL_LOG_NAME } from '../log-store.js';
import { useTabKeys } from '../hooks/use-tab-keys.js';
import { useTabState } from '../hooks/use-tab-state.js';
import { printableText } from '../log-list.js';
import type { TabProps } from '../tab-types.js';

interface LogView {
  /** undefined: every worker. */
  readonly worker: string | undefined;
  /** Lines scrolled up from the newest; 0 follows the output. */
  readonly offset: number;
  /** While scrolled, the lines as they were when scrolling began, so the view holds still. */
  readonly frozen: readonly LogLine[] | undefined;
}

const FOLLOWING: LogView = { worker: undefined, offset: 0, frozen: undefined };

function labelOf(line: LogLine): string {
  return line.processIndex === undefined ? line.worker : `${line.worker}[${line.processIndex}]`;
}

/** Every process's output, newest at the bottom; scroll, filter by worker, errors in red. */
export function LogsTab({ logs: store, control, width, height }: TabProps) {
  const logs = useLogLines(store);
  const [view, setView] = useTabState<LogView>('logs.view', FOLLOWING);
  const source = view.frozen ?? logs;
  const lines = view.worker === undefined ? source : source.filter((line) => line.worker === view.worker);
  const visible = Math.max(1, height - 1);
  const maxOffset = Math.max(0, lines.length - visible);
  const offset = Math.min(view.offset, maxOffset);

  // Functional updates: several keys may arrive before the next render.
  const scroll = (to: (offset: number) => number) =>
    setView((previous) => {
      const next = Math.min(Math.max(0, to(Math.min(previous.offset, maxOffset))), maxOffset);
      return { ...previous, offset: next, frozen: next === 0 ? undefined : (previous.frozen ?? logs) };
    });
  useTabKeys((input, key) => {
    if (key.upArrow) scroll((at) => at + 1);
    else if (key.downArrow) scroll((at) => at - 1);
    else if (key.pageUp) scroll((at) => at + visible - 1);
    else if (key.pageDown) scroll((at) => at - (visible - 1));
    else if (key.home || input === 'g') scroll(() => maxOffset);
    else if (key.end || input === 'G') scroll(() => 0);
    else if (input === 'f') {
      const names = [undefined, ...control.workers, CONTROL_LOG_NAME];
      setView((previous) => ({
        worker: names[(names.indexOf(previous.worker) + 1) % names.length],
        offset: 0,
        frozen: undefined,
      }));
    }
  });

  const end = lines.length - offset;
  const shown = lines.slice(Math.max(0, end - visible), end);
  const newer = view.frozen === undefined ? 0 : logs.length - view.frozen.length;
  const labelWidth = Math.min(24, Math.max(0, ...shown.map((line) => labelOf(line).length)));
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text dimColor wrap="truncate">
        showing {view.worker === undefined ? 'every worker' : `'${view.worker}'`} (f: next worker) ·{' '}
        {offset === 0 ? (
          'following the output'
        ) : (
          <Text color="yellow">
            held {offset} lines up{newer > 0 ? `, ${newer} newer` : ''} (End: follow)
          </Text>
        )}
      </Text>
      {shown.length === 0 && <Text dimColor>no output yet</Text>}
      {shown.map((line, index) => (
        <Text key={end - shown.length + index} wrap="truncate" color={line.isError ? 'red' : undefined}>
          <Text dimColor={!line.isError}>{labelOf(line).padEnd(labelWidth)} </Text>
          {printableText(line.text)}
        </Text>
      ))}
    </Box>
  );
}
