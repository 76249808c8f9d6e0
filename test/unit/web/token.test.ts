import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isSameToken, resolveToken, TOKEN_VARIABLE } from '../../../src/web/token.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tokenFile(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'mimocorb2-token-'));
  dirs.push(dir);
  const file = join(dir, 'token');
  writeFileSync(file, text, { mode: 0o600 });
  return file;
}

describe('resolveToken', () => {
  it('makes a random token of 32 bytes when none is given, another each run', () => {
    const first = resolveToken(undefined, {});
    const second = resolveToken(undefined, {});
    expect(first.source).toBe('random');
    expect(first.token).toMatch(/^[\w-]{43}$/);
    expect(second.token).not.toBe(first.token);
  });

  it('takes MIMOCORB2_HTTP_TOKEN, and the file before it', () => {
    const env = { [TOKEN_VARIABLE]: 'from-the-environment-1234' };
    expect(resolveToken(undefined, env)).toEqual({
      token: 'from-the-environment-1234',
      source: 'environment',
    });
    const file = tokenFile('from-the-file-123456789\n');
    expect(resolveToken(file, env)).toEqual({ token: 'from-the-file-123456789', source: 'file' });
  });

  it('refuses short tokens and tokens with spaces, naming where they came from', () => {
    expect(() => resolveToken(undefined, { [TOKEN_VARIABLE]: 'short' })).toThrow(
      'MIMOCORB2_HTTP_TOKEN: expected a token of at least 16 printable characters without spaces, got 5 characters',
    );
    const file = tokenFile('has a space in it somewhere');
    expect(() => resolveToken(file, {})).toThrow(
      `--http-token-file ${file}: expected a token of at least 16`,
    );
  });

  it('says when the token file cannot be read', () => {
    expect(() => resolveToken('/nonexistent/token', {})).toThrow(
      '--http-token-file /nonexistent/token: cannot read it (ENOENT',
    );
  });
});

describe('isSameToken', () => {
  it('compares whole tokens, of any length', () => {
    expect(isSameToken('abcdefghijklmnop', 'abcdefghijklmnop')).toBe(true);
    expect(isSameToken('abcdefghijklmno', 'abcdefghijklmnop')).toBe(false);
    expect(isSameToken('', 'abcdefghijklmnop')).toBe(false);
  });
});
