export { appendLogLines, LOG_LINES_KEPT } from '../control/logs/index.js';

// CSI/OSC escape sequences and other control characters would move the cursor in the TUI.
const CONTROL =
  // eslint-disable-next-line no-control-regex
  /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(\u0007|\u001b\\)|[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** A log line's text made safe to draw: escapes removed, tabs as spaces. */
export function printableText(text: string): string {
  return text.replace(CONTROL, '').replace(/\t/g, '  ');
}
