import { mulberry32 } from '../simulation/mulberry32.js';

/** A seeded generator of numbers in [0, 1): a seed replays a chaos run or a fuzz case. */
export type Random = () => number;

export const randomFrom: (seed: number) => Random = mulberry32;

/** One of `items`. */
export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** A whole number from `min` to `max`. */
export function between(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}
