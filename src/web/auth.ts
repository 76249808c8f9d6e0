import type { IncomingMessage } from 'node:http';
import { isSameToken } from './token.js';

/** What a request may do: go on, log in (set the cookie and drop the token from the URL), or not. */
export type Access =
  | { readonly kind: 'granted' }
  | { readonly kind: 'login'; readonly cookie: string; readonly location: string }
  | { readonly kind: 'refused'; readonly reason: string };

/** The page's path: `?token=` there sets the cookie and leads to the URL without it. */
const PAGE_PATH = '/';

/**
 * The cookie's name holds the port: cookies are not kept apart by port, and two runs on one
 * host must not log each other out.
 */
export function cookieName(port: number): string {
  return `mimocorb2_${port}`;
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return decodeURIComponent(part.slice(at + 1).trim());
  }
  return undefined;
}

/**
 * Decides on a request by the run's token: `Authorization: Bearer <token>`, `?token=<token>`
 * (on the page it becomes an HttpOnly, SameSite=Strict cookie), or that cookie. `/metrics` is
 * open without it when `isMetricsPublic`.
 */
export function authorize(
  request: IncomingMessage,
  url: URL,
  token: string,
  port: number,
  isMetricsPublic: boolean,
): Access {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
    if (bearer === undefined)
      return { kind: 'refused', reason: 'an Authorization header that is not Bearer' };
    return isSameToken(bearer, token) ? { kind: 'granted' } : { kind: 'refused', reason: 'a wrong token' };
  }
  const query = url.searchParams.get('token');
  if (query !== null) {
    if (!isSameToken(query, token)) return { kind: 'refused', reason: 'a wrong token' };
    if (url.pathname !== PAGE_PATH || request.method !== 'GET') return { kind: 'granted' };
    const rest = new URLSearchParams(url.searchParams);
    rest.delete('token');
    const search = rest.size > 0 ? `?${rest.toString()}` : '';
    return {
      kind: 'login',
      cookie: `${cookieName(port)}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`,
      location: `${url.pathname}${search}`,
    };
  }
  const cookie = cookieValue(request.headers.cookie, cookieName(port));
  if (cookie !== undefined)
    return isSameToken(cookie, token) ? { kind: 'granted' } : { kind: 'refused', reason: 'a wrong token' };
  if (isMetricsPublic && url.pathname === '/metrics') return { kind: 'granted' };
  return { kind: 'refused', reason: 'no token' };
}
