import { WebServerError } from '../errors.js';

/** Where the web page is served. */
export interface HttpAddress {
  readonly host: string;
  /** 0: any free port (the address printed says which). */
  readonly port: number;
}

/** Only a port given: the page is served on loopback only. */
export const DEFAULT_HTTP_HOST = '127.0.0.1';

/** `--http [host:]port`: `8080`, `0.0.0.0:8080`, `[::1]:8080`, `localhost:0`. */
export function parseHttpAddress(text: string): HttpAddress {
  const match = /^(?:(\[[0-9a-fA-F:.]+\]|[^:[\]\s]+):)?(\d{1,5})$/.exec(text.trim());
  const port = Number(match?.[2]);
  if (match === null || !(port >= 0 && port <= 65535))
    throw new WebServerError(
      `--http: expected [host:]port (e.g. 8080, 127.0.0.1:8080, 0.0.0.0:8080, [::1]:8080; port 0 picks a free one), got '${text}'`,
    );
  const host = match[1]?.replace(/^\[(.*)\]$/, '$1') ?? DEFAULT_HTTP_HOST;
  return { host, port };
}

/** `http://host:port/`, with IPv6 hosts in brackets. */
export function formatHttpUrl(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}/`;
}
