import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { WebServerError } from '../errors.js';

/** The environment variable that gives the page's token (never the command line: `ps` shows it). */
export const TOKEN_VARIABLE = 'MIMOCORB2_HTTP_TOKEN';
/** Shorter tokens are refused: they could be guessed. */
const MIN_TOKEN_LENGTH = 16;

/** Where the run's token came from, for the first lines of a run. */
export type TokenSource = 'random' | 'environment' | 'file';

/**
 * The run's token: from `--http-token-file`, else MIMOCORB2_HTTP_TOKEN, else 32 random bytes
 * (base64url). A given token must be at least 16 printable characters without spaces.
 */
export function resolveToken(
  tokenFile: string | undefined,
  environment: NodeJS.ProcessEnv = process.env,
): { token: string; source: TokenSource } {
  if (tokenFile !== undefined) {
    let text: string;
    try {
      if (!statSync(tokenFile).isFile()) throw new Error('not a file');
      text = readFileSync(tokenFile, 'utf8');
    } catch (error) {
      throw new WebServerError(
        `--http-token-file ${tokenFile}: cannot read it (${(error as Error).message})`,
      );
    }
    return { token: checkToken(text.trim(), `--http-token-file ${tokenFile}`), source: 'file' };
  }
  const given = environment[TOKEN_VARIABLE];
  if (given !== undefined && given !== '')
    return { token: checkToken(given.trim(), TOKEN_VARIABLE), source: 'environment' };
  return { token: randomBytes(32).toString('base64url'), source: 'random' };
}

function checkToken(token: string, where: string): string {
  if (token.length < MIN_TOKEN_LENGTH || !/^[\x21-\x7e]+$/.test(token))
    throw new WebServerError(
      `${where}: expected a token of at least ${MIN_TOKEN_LENGTH} printable characters without spaces, got ${token.length} characters`,
    );
  return token;
}

/** Compares in constant time (hashes first, so the lengths do not show either). */
export function isSameToken(given: string, token: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(token));
}
