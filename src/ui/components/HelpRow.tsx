import { Box, Text } from 'ink';
import { wrappedRows } from '../wrap-rows.js';

export interface HelpRowProps {
  readonly keys: readonly (readonly [key: string, meaning: string])[];
  readonly width: number;
}

/** Every key that works now, wrapping onto as many rows as it needs. */
export function HelpRow({ keys, width }: HelpRowProps) {
  return (
    <Box width={width} flexWrap="wrap" columnGap={2}>
      {keys.map(([key, meaning]) => (
        <Text key={key}>
          <Text bold color="cyan">
            {key}
          </Text>{' '}
          {meaning}
        </Text>
      ))}
    </Box>
  );
}

/** Rows HelpRow takes at `width`. */
export function helpRows(keys: readonly (readonly [string, string])[], width: number): number {
  return wrappedRows(
    keys.map(([key, meaning]) => key.length + 1 + meaning.length),
    width,
  );
}
