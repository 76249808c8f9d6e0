import { Box, Text } from 'ink';
import type { TextDisplay } from '../../display/index.js';
import { truncate } from '../format.js';
import { useScroll } from '../hooks/use-scroll.js';
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
  const lines = content.lines;
  const isScrolling = lines.length > height;
  // The last row says where the view is when not every line fits.
  const visible = isScrolling ? Math.max(1, height - 1) : height;
  const first = useScroll(`${stateKey}.top`, lines.length, visible, visible - 1);
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
