import { useTabKeys } from './use-tab-keys.js';
import { useTabState } from './use-tab-state.js';

/**
 * The first of `count` rows shown when `visible` fit, kept under `stateKey` while another tab is
 * shown: ↑↓ move one, PgUp PgDn `page`, g/Home and G/End to either end.
 */
export function useScroll(stateKey: string, count: number, visible: number, page: number): number {
  const [top, setTop] = useTabState(stateKey, 0);
  const maxTop = Math.max(0, count - visible);
  const move = (to: (at: number) => number) =>
    setTop((previous) => Math.min(Math.max(0, to(Math.min(previous, maxTop))), maxTop));
  useTabKeys((input, key) => {
    if (key.upArrow) move((at) => at - 1);
    else if (key.downArrow) move((at) => at + 1);
    else if (key.pageUp) move((at) => at - page);
    else if (key.pageDown) move((at) => at + page);
    else if (key.home || input === 'g') move(() => 0);
    else if (key.end || input === 'G') move(() => maxTop);
  });
  return Math.min(top, maxTop);
}
