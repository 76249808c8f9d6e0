import { Box, Text } from 'ink';
import type { GridDisplay, PanelDisplay } from '../../display/index.js';
import { truncate } from '../format.js';
import { gridLayout } from '../grid-layout.js';
import { useTabKeys } from '../hooks/use-tab-keys.js';
import { useTabState } from '../hooks/use-tab-state.js';
import { HistogramView } from './HistogramView.js';
import { LinesView } from './LinesView.js';

export interface GridViewProps {
  readonly content: GridDisplay;
  /** Names the page kept while another tab is shown. */
  readonly stateKey: string;
  readonly width: number;
  readonly height: number;
}

function Panel({
  panel,
  index,
  width,
  height,
}: {
  panel: PanelDisplay;
  index: number;
  width: number;
  height: number;
}) {
  const bodyHeight = Math.max(1, height - 1);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate">
        {truncate(panel.title ?? `panel ${index + 1}`, width)}
      </Text>
      {panel.kind === 'lines' ? (
        <LinesView content={panel} width={width} height={bodyHeight} />
      ) : (
        <HistogramView content={panel} width={width} height={bodyHeight} />
      )}
    </Box>
  );
}

/**
 * A grid display's panels, each a chart with its title, side by side and stacked as they fit;
 * when they do not all fit, a page of rows of them, ↑↓ PgUp PgDn Home End to move.
 */
export function GridView({ content, stateKey, width, height }: GridViewProps) {
  const [top, setTop] = useTabState(`${stateKey}.row`, 0);
  const panels = content.panels;
  const layout = gridLayout(panels.length, width, height);
  const allRows = Math.ceil(panels.length / layout.columns);
  const maxTop = Math.max(0, allRows - layout.rows);
  const first = Math.min(top, maxTop);
  const move = (to: (at: number) => number) =>
    setTop((previous) => Math.min(Math.max(0, to(Math.min(previous, maxTop))), maxTop));
  useTabKeys((input, key) => {
    if (!layout.isPaged) return;
    if (key.upArrow) move((at) => at - 1);
    else if (key.downArrow) move((at) => at + 1);
    else if (key.pageUp) move((at) => at - layout.rows);
    else if (key.pageDown) move((at) => at + layout.rows);
    else if (key.home || input === 'g') move(() => 0);
    else if (key.end || input === 'G') move(() => maxTop);
  });
  const rows = Array.from({ length: Math.min(layout.rows, allRows - first) }, (_, r) =>
    panels.slice((first + r) * layout.columns, (first + r + 1) * layout.columns),
  );
  const shownFirst = first * layout.columns;
  const shownCount = rows.reduce((sum, row) => sum + row.length, 0);
  return (
    <Box flexDirection="column" width={width} height={height}>
      {rows.map((row, r) => (
        <Box key={first + r} flexDirection="row" columnGap={1} height={layout.panelHeight}>
          {row.map((panel, c) => {
            const index = (first + r) * layout.columns + c;
            return (
              <Panel
                key={index}
                panel={panel}
                index={index}
                width={layout.panelWidth}
                height={layout.panelHeight}
              />
            );
          })}
        </Box>
      ))}
      {layout.isPaged && (
        <Text dimColor wrap="truncate">
          panels {shownFirst + 1}–{shownFirst + shownCount} of {panels.length} (↑↓ PgUp PgDn Home End)
        </Text>
      )}
    </Box>
  );
}
