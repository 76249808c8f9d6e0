/** One point of a curve in a picture. */
export interface CurvePoint {
  readonly x: number;
  readonly y: number;
}

/**
 * The points of a curve for a picture `columns` pixels wide: all of them when they are few,
 * else per pixel column the first, lowest, highest and last point in their order, so that the
 * drawn curve keeps every spike (a 4000-sample trace in a 600-pixel picture needs no more).
 */
export function decimateCurve(
  x: ArrayLike<number> | undefined,
  y: ArrayLike<number>,
  columns: number,
): CurvePoint[] {
  const xAt = (i: number) => (x === undefined ? i : (x[i] as number));
  const points: CurvePoint[] = [];
  if (y.length <= 4 * columns) {
    for (let i = 0; i < y.length; i++) points.push({ x: xAt(i), y: y[i] as number });
    return points;
  }
  const low = xAt(0);
  const span = xAt(y.length - 1) - low || 1;
  let start = 0;
  while (start < y.length) {
    const column = Math.floor(((xAt(start) - low) / span) * (columns - 1));
    let end = start + 1;
    while (end < y.length && Math.floor(((xAt(end) - low) / span) * (columns - 1)) === column) end++;
    let lowest = start;
    let highest = start;
    for (let i = start + 1; i < end; i++) {
      if ((y[i] as number) < (y[lowest] as number)) lowest = i;
      if ((y[i] as number) > (y[highest] as number)) highest = i;
    }
    const kept = [...new Set([start, lowest, highest, end - 1])].sort((a, b) => a - b);
    for (const i of kept) points.push({ x: xAt(i), y: y[i] as number });
    start = end;
  }
  return points;
}
