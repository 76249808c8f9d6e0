import type { LogLine } from '../control/logs/index.js';

/** How many lines the Logs tab keeps (the files in run_dir/logs keep everything). */
export const LOG_LINES_KEPT = 5000;

/** The list with `lines` appended, keeping the newest `limit`. */
export function appendLogLines(
  list: readonly LogLine[],
  lines: readonly LogLine[],
  limit = LOG_LINES_KEPT,
): readonly LogLine[] {
  if (lines.length === 0) return list;
  if (lines.length >= limit) return lines.slice(lines.length - limit);
  const drop = Math.max(0, list.length + lines.length - limit);
  return [...list.slice(drop), ...lines];
}

// CSI/OSC escape sequences and other control characters would move the cursor in the TUI.
const CONTROL =
  // eslint-disable-next-line no-control-regex
  /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(\u0007|\u001b\\)|[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** A log line's text made safe to draw: escapes removed, tabs as spaces. */
export function printableText(text: string): string {
  return text.replace(CONTROL, '').replace(/\t/g, '  ');
}
