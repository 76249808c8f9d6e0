import { useInput, useStdin, type Key } from 'ink';
import { useCallback, useRef } from 'react';

// Keys typed faster than they are read arrive as one string (as pasted text does).
const PLAIN_KEYS = /^[\x20-\x7e]+$/;

/**
 * useInput, active only when `isActive` and the terminal can deliver single keys (raw mode).
 * Printable characters that arrive together are handed over one at a time. The handler of the
 * latest render answers, even when a key comes before React has run that render's effects.
 */
export function useKeys(handler: (input: string, key: Key) => void, isActive: boolean): void {
  const { isRawModeSupported } = useStdin();
  const latest = useRef(handler);
  latest.current = handler;
  const onInput = useCallback((input: string, key: Key) => {
    if (input.length > 1 && !key.ctrl && !key.meta && PLAIN_KEYS.test(input)) {
      for (const char of input) latest.current(char, key);
    } else {
      latest.current(input, key);
    }
  }, []);
  useInput(onInput, { isActive: isActive && isRawModeSupported === true });
}
