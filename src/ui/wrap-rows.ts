/** Rows that items of these widths take when laid side by side with `gap` cells between, wrapping at `width`. */
export function wrappedRows(itemWidths: readonly number[], width: number, gap = 2): number {
  let rows = itemWidths.length > 0 ? 1 : 0;
  let used = 0;
  for (const length of itemWidths) {
    const needed = used === 0 ? length : used + gap + length;
    if (needed > width && used > 0) {
      rows++;
      used = length;
    } else {
      used = needed;
    }
  }
  return rows;
}
