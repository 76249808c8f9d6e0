import { createContext, useCallback, useContext, useState } from 'react';

/** Values tabs keep while another tab is shown (a tab's component unmounts when hidden). */
export const TabStateContext = createContext<Map<string, unknown>>(new Map());

/** Like useState, but the value survives switching tabs; `key` must be unique across tabs. */
export function useTabState<T>(key: string, initial: T): [T, (value: T | ((previous: T) => T)) => void] {
  const store = useContext(TabStateContext);
  const [value, setValue] = useState<T>(() => (store.has(key) ? (store.get(key) as T) : initial));
  const set = useCallback(
    (next: T | ((previous: T) => T)) =>
      setValue((previous) => {
        const resolved = typeof next === 'function' ? (next as (previous: T) => T)(previous) : next;
        store.set(key, resolved);
        return resolved;
      }),
    [key, store],
  );
  return [value, set];
}
