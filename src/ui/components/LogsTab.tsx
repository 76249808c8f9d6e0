import { Box, Text } from 'ink';
import type { LogLine } from '../../control/logs/index.js';
import { useLogLines } from '../hooks/use-log-lines.js';
import { CONTROL_LOG_NAME } from '../log-store.js';
import { useTabKeys } from '../hooks/use-tab-keys.js';
import { useTabState } from '../hooks/use-tab-state.js';
import { logRows } from '../log-rows.js';
import type { TabProps } from '../tab-types.js';

interface LogView {
  /** undefined: every worker. */
  readonly worker: string | undefined;
  /** Rows scrolled up from the newest; 0 follows the output. */
  readonly offset: number;
  /** While scrolled, the lines as they were when scrolling began, so the view holds still. */
  readonly frozen: readonly LogLine[] | undefined;
}

const FOLLOWING: LogView = { worker: undefined, offset: 0, frozen: undefined };

function labelOf(line: LogLine): string {
  return line.processIndex === undefined ? line.worker : `${line.worker}[${line.processIndex}]`;
}

const MAX_LABEL_WIDTH = 24;
const MIN_TEXT_WIDTH = 10;

interface LogRow {
  readonly line: LogLine;
  readonly text: string;
  /** The line's first row, which carries its label. */
  readonly isFirst: boolean;
}

/** The `count` rows that end `offset` rows above the newest. */
function rowsAbove(lines: readonly LogLine[], width: number, offset: number, count: number): LogRow[] {
  const rows: LogRow[] = [];
  for (let i = lines.length - 1; i >= 0 && rows.length < offset + count; i--) {
    const line = lines[i] as LogLine;
    const texts = logRows(line, width);
    for (let k = texts.length - 1; k >= 0; k--)
      rows.push({ line, text: texts[k] as string, isFirst: k === 0 });
  }
  return rows.slice(offset, offset + count).reverse();
}

/** Every process's output, newest at the bottom; scroll, filter by worker, errors in red. */
export function LogsTab({ logs: store, control, width, height }: TabProps) {
  const logs = useLogLines(store);
  const [view, setView] = useTabState<LogView>('logs.view', FOLLOWING);
  const source = view.frozen ?? logs;
  const lines = view.worker === undefined ? source : source.filter((line) => line.worker === view.worker);
  const visible = Math.max(1, height - 1);
  const labelWidth = Math.min(
    MAX_LABEL_WIDTH,
    lines.reduce((widest, line) => Math.max(widest, labelOf(line).length), 0),
  );
  // A line longer than the room beside the labels continues on the rows below, under its text.
  const textWidth = Math.max(MIN_TEXT_WIDTH, width - labelWidth - 1);
  const totalRows = lines.reduce((sum, line) => sum + logRows(line, textWidth).length, 0);
  const maxOffset = Math.max(0, totalRows - visible);
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

  const shown = rowsAbove(lines, textWidth, offset, visible);
  const newer = view.frozen === undefined ? 0 : logs.length - view.frozen.length;
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
      {shown.map(({ line, text, isFirst }, index) => (
        <Text key={index} wrap="truncate" color={line.isError ? 'red' : undefined}>
          <Text dimColor={!line.isError}>{(isFirst ? labelOf(line) : '').padEnd(labelWidth)} </Text>
          {text}
        </Text>
      ))}
    </Box>
  );
}
