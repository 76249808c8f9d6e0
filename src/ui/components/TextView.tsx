import { Box, Text } from 'ink';
import type { TextDisplay } from '../../display/index.js';
import { truncate } from '../format.js';
import { useTabKeys } from '../hooks/use-tab-keys.js';
import { useTabState } from '../hooks/use-tab-state.js';
import { printableText } from '../log-list.js';

export interface TextViewProps {
  readonly content: TextDisplay;
  /** Names the scroll position kept while another tab is shown. */
  readonly stateKey: string;
  readonly width: number;
  readonly height: number;
}

/** The display's lines from the top, cut to the width; ↑↓ PgUp PgDn Home End scroll. */
export function TextView({ content, stateKey, width, height }: TextViewProps) {
  const [top, setTop] = useTabState(`${stateKey}.top`, 0);
  const lines = content.lines;
  const isScrolling = lines.length > height;
  // The last row says where the view is when not every line fits.
  const visible = isScrolling ? Math.max(1, height - 1) : height;
  const maxTop = Math.max(0, lines.length - visible);
  const first = Math.min(top, maxTop);
  const scroll = (to: (at: number) => number) =>
    setTop((previous) => Math.min(Math.max(0, to(Math.min(previous, maxTop))), maxTop));
  useTabKeys((input, key) => {
    if (key.upArrow) scroll((at) => at - 1);
    else if (key.downArrow) scroll((at) => at + 1);
    else if (key.pageUp) scroll((at) => at - (visible - 1));
    else if (key.pageDown) scroll((at) => at + (visible - 1));
    else if (key.home || input === 'g') scroll(() => 0);
    else if (key.end || input === 'G') scroll(() => maxTop);
  });
  const shown = lines.slice(first, first + visible);
  return (
    <Box flexDirection="column" width={width} height={height}>
      {lines.length === 0 && <Text dimColor>no lines</Text>}
      {shown.map((line, index) => (
        <Text key={first + index} wrap="truncate">
          {truncate(printableText(line), width) || ' '}
        </Text>
      ))}
      {isScrolling && (
        <Text dimColor wrap="truncate">
          lines {first + 1}–{first + shown.length} of {lines.length} (↑↓ PgUp PgDn Home End)
        </Text>
      )}
    </Box>
  );
}
