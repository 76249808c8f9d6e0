/** The lowest and highest of all values (without spreading them onto the stack); [0, 0] when none. */
export function valueRange(lists: readonly (readonly number[])[]): [number, number] {
  let low = Infinity;
  let high = -Infinity;
  for (const list of lists)
    for (const value of list) {
      if (value < low) low = value;
      if (value > high) high = value;
    }
  return low <= high ? [low, high] : [0, 0];
}
