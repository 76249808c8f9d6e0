import { useSyncExternalStore } from 'react';
import type { LogLine } from '../../control/logs/index.js';
import type { LogStore } from '../log-store.js';

/** The store's lines; the component redraws when lines come. */
export function useLogLines(store: LogStore): readonly LogLine[] {
  return useSyncExternalStore(store.subscribe, store.getLines);
}
