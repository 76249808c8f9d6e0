import { Box, Text } from 'ink';
import type { TabDefinition } from '../tab-types.js';

export interface TabBarProps {
  readonly tabs: readonly TabDefinition[];
  readonly active: number;
  readonly width: number;
}

/** The tab titles with their number keys; the active one inverted. */
export function TabBar({ tabs, active, width }: TabBarProps) {
  return (
    <Box width={width} height={1}>
      <Text wrap="truncate">
        {tabs.map((tab, index) => (
          <Text key={tab.id}>
            <Text inverse={index === active} bold={index === active}>
              {` ${index + 1} ${tab.title} `}
            </Text>
            {index < tabs.length - 1 ? <Text dimColor>│</Text> : null}
          </Text>
        ))}
      </Text>
    </Box>
  );
}
