// The files of a live run's buffer directory that let other commands reach it. The directory
// is this user's only (0700) and goes with the run.
import { join } from 'node:path';

/** The control socket: `attach`, `stop` and `status` talk to control through it. */
export const CONTROL_SOCKET_FILE = 'control.sock';
/** The web page's address and token (0600), so that `status` can print the URL. */
export const WEB_ACCESS_FILE = 'web.json';

export function controlSocketPath(bufferDirectory: string): string {
  return join(bufferDirectory, CONTROL_SOCKET_FILE);
}

export function webAccessPath(bufferDirectory: string): string {
  return join(bufferDirectory, WEB_ACCESS_FILE);
}
