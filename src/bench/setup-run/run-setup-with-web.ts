import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { TOKEN_VARIABLE } from '../../web/token.js';
import type { RunContext } from '../types.js';
import { WebWatchers, type WatchFigures } from '../web/web-watchers.js';
import { runSetup, type SetupRunResult } from './run-setup.js';

/** Two pages take every update; Prometheus scrapes once a second (scenario W). */
const PAGES = 2;
const SCRAPE_EVERY_MS = 1000;

/** A port free now (the CLI takes it a moment later; on this machine nothing else races for it). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Runs a setup headless with its web server (`--http 127.0.0.1:<port>`, the token given in
 * MIMOCORB2_HTTP_TOKEN) while two page clients take every server-sent event and a scraper reads
 * /metrics each second, as a lab's browser tabs and Prometheus would.
 */
export async function runSetupWithWeb(
  context: RunContext,
  setupFile: string,
  targetDir: string,
  workers: readonly string[],
): Promise<{ result: SetupRunResult; watched: WatchFigures }> {
  const port = await freePort();
  const token = randomBytes(24).toString('base64url');
  const watchers = new WebWatchers(port, token, PAGES, SCRAPE_EVERY_MS);
  try {
    const result = await runSetup(context.runChildren, setupFile, targetDir, workers, {
      args: ['--http', `127.0.0.1:${port}`],
      env: { ...process.env, [TOKEN_VARIABLE]: token },
    });
    return { result, watched: await watchers.stop() };
  } finally {
    await watchers.stop();
  }
}
