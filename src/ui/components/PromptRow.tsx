import { Box, Text } from 'ink';
import type { RunResult } from '../../control/run/run.js';

/** A yes/no question waiting for y or n. */
export interface Prompt {
  readonly question: string;
  readonly onYes: () => void;
}

export interface PromptRowProps {
  readonly prompt: Prompt | undefined;
  readonly result: RunResult | undefined;
  readonly message: string | undefined;
  readonly width: number;
}

/** The open question, else that the run finished, else the latest message. */
export function PromptRow({ prompt, result, message, width }: PromptRowProps) {
  return (
    <Box width={width} height={1}>
      {prompt !== undefined ? (
        <>
          <Text wrap="truncate" color="yellow" bold>
            {prompt.question}
          </Text>
          {/* Cut the question, never the keys that answer it. */}
          <Box flexShrink={0}>
            <Text color="yellow" bold>
              {' (y/n)'}
            </Text>
          </Box>
        </>
      ) : result !== undefined ? (
        <Text wrap="truncate">
          <Text color={result.exitCode === 0 ? 'green' : 'red'} bold>
            run finished (exit code {result.exitCode}) — press q to exit
          </Text>
          {message ? <Text dimColor> · {message}</Text> : null}
        </Text>
      ) : (
        <Text wrap="truncate" dimColor={message === undefined}>
          {message ?? 'running'}
        </Text>
      )}
    </Box>
  );
}
