import { Box, Text } from 'ink';
import { layoutTabBar } from '../tab-bar-layout.js';
import type { TabDefinition } from '../tab-types.js';

export interface TabBarProps {
  readonly tabs: readonly TabDefinition[];
  readonly active: number;
  readonly width: number;
}

/** The tab titles with their number keys; the active one inverted; ‹ › when some do not fit. */
export function TabBar({ tabs, active, width }: TabBarProps) {
  const layout = layoutTabBar(
    tabs.map((tab) => tab.title),
    active,
    width,
  );
  return (
    <Box width={width} height={1}>
      <Text wrap="truncate">
        {layout.hasMoreLeft && <Text dimColor>‹</Text>}
        {layout.labels.map(({ index, text }, i) => (
          <Text key={(tabs[index] as TabDefinition).id}>
            <Text inverse={index === active} bold={index === active}>
              {text}
            </Text>
            {i < layout.labels.length - 1 ? <Text dimColor>│</Text> : null}
          </Text>
        ))}
        {layout.hasMoreRight && <Text dimColor>›</Text>}
      </Text>
    </Box>
  );
}
