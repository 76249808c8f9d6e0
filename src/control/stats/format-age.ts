/** An event age for people: `850 µs`, `12 ms`, `3.4 s`; `–` without samples. */
export function formatAge(seconds: number | null): string {
  if (seconds === null) return '–';
  if (seconds < 1e-3) return `${Math.round(seconds * 1e6)} µs`;
  if (seconds < 0.01) return `${(seconds * 1e3).toFixed(1)} ms`;
  if (seconds < 1) return `${Math.round(seconds * 1e3)} ms`;
  return `${seconds < 10 ? seconds.toFixed(1) : seconds.toFixed(0)} s`;
}

/** Where a buffer's readers stand: `lag 12  age p50 3.0 ms p99 40 ms`. */
export function stageText(buffer: { lag: number; ageP50: number | null; ageP99: number | null }): string {
  return `lag ${buffer.lag}  age p50 ${formatAge(buffer.ageP50)} p99 ${formatAge(buffer.ageP99)}`;
}
