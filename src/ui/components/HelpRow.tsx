import { Box, Text } from 'ink';
import type { KeyHelp } from '../tab-types.js';
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

/**
 * The key row that fits `width` best: the full wordings; else the short ones; else the short
 * ones without the `optional` keys (they work anyway), wrapping only if even that is too wide.
 */
export function fitKeys(
  keys: readonly KeyHelp[],
  optional: readonly KeyHelp[],
  width: number,
): (readonly [string, string])[] {
  const long = [...keys, ...optional].map(([key, meaning]) => [key, meaning] as const);
  const short = [...keys, ...optional].map(([key, meaning, brief]) => [key, brief ?? meaning] as const);
  for (const form of [long, short]) if (helpRows(form, width) <= 1) return form;
  return short.slice(0, keys.length);
}
