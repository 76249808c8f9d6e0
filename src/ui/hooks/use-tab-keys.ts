import type { Key } from 'ink';
import { createContext, useContext } from 'react';

export type KeyHandler = (input: string, key: Key) => void;

/** Where the shown tab leaves its key handler for the App, which owns the keyboard. */
export const TabKeysContext = createContext<{ current: KeyHandler | undefined }>({ current: undefined });

/**
 * Hands the keys the App does not use itself to `handler` while this tab is shown. Set during
 * render, so a key that comes right after a tab switch already reaches the new tab.
 */
export function useTabKeys(handler: KeyHandler): void {
  const slot = useContext(TabKeysContext);
  slot.current = handler;
}
