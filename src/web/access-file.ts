import { readFileSync, writeFileSync } from 'node:fs';
import { isRecord } from '../is-record.js';
import { webAccessPath } from '../remote/run-files.js';

/** How to reach a run's page: kept 0600 in its buffer directory for `mimocorb2 status`. */
export interface WebAccess {
  /** `http://127.0.0.1:8080/` */
  readonly address: string;
  readonly token: string;
}

/** The page's URL that logs in: `<address>?token=<token>`. */
export function loginUrl(access: WebAccess): string {
  return `${access.address}?token=${encodeURIComponent(access.token)}`;
}

/** The line the UIs show the page by (under the TUI's status row; printed headless). */
export function webPageLine(access: WebAccess): string {
  return `web page: ${loginUrl(access)}`;
}

export function writeWebAccess(bufferDirectory: string, access: WebAccess): void {
  writeFileSync(webAccessPath(bufferDirectory), JSON.stringify(access) + '\n', { mode: 0o600 });
}

/** The run's web access, or undefined when it serves no page (or the file is not readable). */
export function readWebAccess(bufferDirectory: string): WebAccess | undefined {
  try {
    const value: unknown = JSON.parse(readFileSync(webAccessPath(bufferDirectory), 'utf8'));
    if (isRecord(value) && typeof value['address'] === 'string' && typeof value['token'] === 'string')
      return { address: value['address'], token: value['token'] };
  } catch {
    // No page, or not ours to read.
  }
  return undefined;
}
