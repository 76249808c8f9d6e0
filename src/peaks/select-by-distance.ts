/**
 * Marks in `keep` the peaks that survive the distance condition, as scipy's
 * `_select_by_peak_distance`: from the highest peak down, each peak still kept removes every
 * lower-ranked peak closer than `distance` samples. `order` and `merge` are scratch (count
 * entries each). Equal heights are ranked by position, the right one first (numpy's sort
 * leaves their order open; scipy orders short lists the same way).
 */
export function selectByDistance(
  peaks: Int32Array,
  heights: ArrayLike<number>,
  count: number,
  distance: number,
  keep: Uint8Array,
  order: Int32Array,
  merge: Int32Array,
): void {
  const ranked = sortByHeight(heights, count, order, merge);
  keep.fill(1, 0, count);
  for (let r = count - 1; r >= 0; r--) {
    const j = ranked[r] as number;
    if (keep[j] === 0) continue;
    const position = peaks[j] as number;
    for (let k = j - 1; k >= 0 && position - (peaks[k] as number) < distance; k--) keep[k] = 0;
    for (let k = j + 1; k < count && (peaks[k] as number) - position < distance; k++) keep[k] = 0;
  }
}

/**
 * Indices 0..count-1 sorted by ascending height, equal heights in index order (a stable
 * bottom-up merge sort between the two scratch arrays, no allocation); returns the sorted one.
 */
function sortByHeight(heights: ArrayLike<number>, count: number, a: Int32Array, b: Int32Array): Int32Array {
  for (let i = 0; i < count; i++) a[i] = i;
  let from = a;
  let to = b;
  for (let width = 1; width < count; width *= 2) {
    for (let start = 0; start < count; start += 2 * width) {
      const middle = Math.min(start + width, count);
      const end = Math.min(start + 2 * width, count);
      let i = start;
      let j = middle;
      let out = start;
      while (i < middle && j < end) {
        const left = from[i] as number;
        const right = from[j] as number;
        if ((heights[right] as number) < (heights[left] as number)) {
          to[out++] = right;
          j++;
        } else {
          to[out++] = left;
          i++;
        }
      }
      while (i < middle) to[out++] = from[i++] as number;
      while (j < end) to[out++] = from[j++] as number;
    }
    const swap = from;
    from = to;
    to = swap;
  }
  return from;
}
