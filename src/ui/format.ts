// Short, fixed-width friendly texts for numbers on the screen.

const SI = ['', 'k', 'M', 'G', 'T'];

/** 950, 9.5k, 95k, 1.2M: three significant figures at most. */
export function formatCount(value: number): string {
  if (!Number.isFinite(value)) return '-';
  let scaled = Math.abs(value);
  let unit = 0;
  while (scaled >= 999.5 && unit < SI.length - 1) {
    scaled /= 1000;
    unit++;
  }
  const digits =
    unit === 0 ? (scaled < 10 && scaled % 1 !== 0 ? 1 : 0) : scaled < 10 ? 2 : scaled < 100 ? 1 : 0;
  // 1.00k and 12.0k read better as 1k and 12k.
  const text = scaled.toFixed(digits).replace(/\.0+$|(\.\d*?)0+$/, '$1');
  return `${value < 0 ? '-' : ''}${text}${SI[unit]}`;
}

/** Events per second: `12.3k/s`. */
export function formatRate(perSecond: number): string {
  return `${formatCount(perSecond)}/s`;
}

/** An integer with thousands separators: `1,234,567`. */
export function formatInteger(value: number): string {
  return Math.round(value).toLocaleString('en');
}

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** `512 B`, `48.2 MiB`. */
export function formatBytes(bytes: number): string {
  let scaled = bytes;
  let unit = 0;
  while (scaled >= 1024 && unit < BYTE_UNITS.length - 1) {
    scaled /= 1024;
    unit++;
  }
  return `${unit === 0 ? scaled.toFixed(0) : scaled.toFixed(1)} ${BYTE_UNITS[unit]}`;
}

/** `42 s`, `3:07`, `1:02:03`. */
export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  if (total < 60) return `${total} s`;
  const s = String(total % 60).padStart(2, '0');
  const m = Math.floor(total / 60) % 60;
  const h = Math.floor(total / 3600);
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** A fraction 0..1 as `37%`; a CPU percent (0..100·cores) as `137%`. */
export function formatPercent(percent: number): string {
  return `${percent.toFixed(percent < 10 && percent > 0 ? 1 : 0)}%`;
}

/** Cuts `text` to `width` columns, ending with … when cut; keeps the end when `fromStart`. */
export function truncate(text: string, width: number, fromStart = false): string {
  if (width <= 0) return '';
  if (text.length <= width) return text;
  if (width === 1) return '…';
  return fromStart ? `…${text.slice(text.length - width + 1)}` : `${text.slice(0, width - 1)}…`;
}

/**
 * Shortens a name to `width` columns by cutting its middle: `calcul…heights`. Names of one setup
 * often share a start (pulse_…) or an end (…_up, …_down), so both ends are kept.
 */
export function abbreviate(name: string, width: number): string {
  if (name.length <= width) return name;
  if (width <= 2) return truncate(name, width);
  const tail = Math.ceil((width - 1) / 2);
  return `${name.slice(0, width - 1 - tail)}…${name.slice(name.length - tail)}`;
}
