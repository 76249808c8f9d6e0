import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { authorize, cookieName } from '../../../src/web/auth.js';

const TOKEN = 'the-right-token-0123456789';
const PORT = 8123;

/** Only the request's method and headers are read. */
function request(path: string, headers: Record<string, string> = {}, method = 'GET') {
  const message = { method, headers } as unknown as IncomingMessage;
  return authorize(message, new URL(path, 'http://localhost'), TOKEN, PORT, false);
}

describe('authorize', () => {
  it('grants a request with the right Bearer token, refuses a wrong one or another scheme', () => {
    expect(request('/api/snapshot', { authorization: `Bearer ${TOKEN}` })).toEqual({ kind: 'granted' });
    expect(request('/api/snapshot', { authorization: 'Bearer nope' })).toEqual({
      kind: 'refused',
      reason: 'a wrong token',
    });
    expect(request('/', { authorization: `Basic ${TOKEN}` })).toEqual({
      kind: 'refused',
      reason: 'an Authorization header that is not Bearer',
    });
  });

  it('turns ?token= on the page into an HttpOnly, SameSite=Strict cookie and the URL without it', () => {
    expect(request(`/?token=${TOKEN}&tab=logs`)).toEqual({
      kind: 'login',
      cookie: `${cookieName(PORT)}=${TOKEN}; HttpOnly; SameSite=Strict; Path=/`,
      location: '/?tab=logs',
    });
  });

  it('grants other paths with ?token= without a cookie (a scraper), and refuses a wrong one', () => {
    expect(request(`/metrics?token=${TOKEN}`)).toEqual({ kind: 'granted' });
    expect(request('/?token=wrong')).toEqual({ kind: 'refused', reason: 'a wrong token' });
  });

  it('grants the cookie of this port only', () => {
    expect(request('/events', { cookie: `other=1; ${cookieName(PORT)}=${TOKEN}` })).toEqual({
      kind: 'granted',
    });
    expect(request('/events', { cookie: `${cookieName(PORT + 1)}=${TOKEN}` })).toEqual({
      kind: 'refused',
      reason: 'no token',
    });
    expect(request('/events', { cookie: `${cookieName(PORT)}=stale` })).toEqual({
      kind: 'refused',
      reason: 'a wrong token',
    });
  });

  it('opens /metrics without the token only when it is public', () => {
    const message = { method: 'GET', headers: {} } as unknown as IncomingMessage;
    const at = (path: string) => new URL(path, 'http://localhost');
    expect(authorize(message, at('/metrics'), TOKEN, PORT, true)).toEqual({ kind: 'granted' });
    expect(authorize(message, at('/api/snapshot'), TOKEN, PORT, true)).toEqual({
      kind: 'refused',
      reason: 'no token',
    });
    expect(authorize(message, at('/metrics'), TOKEN, PORT, false)).toEqual({
      kind: 'refused',
      reason: 'no token',
    });
  });
});
