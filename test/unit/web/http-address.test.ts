import { describe, expect, it } from 'vitest';
import { formatHttpUrl, parseHttpAddress } from '../../../src/web/http-address.js';

describe('parseHttpAddress', () => {
  it.each([
    ['8080', { host: '127.0.0.1', port: 8080 }],
    ['0', { host: '127.0.0.1', port: 0 }],
    ['0.0.0.0:9000', { host: '0.0.0.0', port: 9000 }],
    ['localhost:80', { host: 'localhost', port: 80 }],
    ['[::1]:8080', { host: '::1', port: 8080 }],
    [' 127.0.0.1:65535 ', { host: '127.0.0.1', port: 65535 }],
  ])('reads %j', (text, address) => {
    expect(parseHttpAddress(text)).toEqual(address);
  });

  it.each(['', 'http', '65536', '-1', 'host:', ':8080', '::1:8080', '127.0.0.1:80:90', '8080x'])(
    'refuses %j, saying what it expected',
    (text) => {
      expect(() => parseHttpAddress(text)).toThrow(
        `--http: expected [host:]port (e.g. 8080, 127.0.0.1:8080, 0.0.0.0:8080, [::1]:8080; port 0 picks a free one), got '${text}'`,
      );
    },
  );

  it('writes IPv6 hosts in brackets', () => {
    expect(formatHttpUrl('::1', 8080)).toBe('http://[::1]:8080/');
    expect(formatHttpUrl('127.0.0.1', 80)).toBe('http://127.0.0.1:80/');
  });
});
