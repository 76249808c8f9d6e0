import { RunFeed } from '../control/live/index.js';
import type { Run } from '../control/run/run.js';
import { ControlServer } from '../remote/control-server.js';
import { webPageLine } from '../web/access-file.js';
import type { WebServer } from '../web/web-server.js';

/** How a live run is reached from elsewhere: its control socket, and its web page with --http. */
export interface LiveAccess {
  readonly feed: RunFeed;
  /** Printed after `run directory:`: the page's URL with the token. */
  readonly lines: readonly string[];
  /** Closes the socket and the web server (once the run has finished, they have said so). */
  close(): Promise<void>;
}

/** Opens the control socket of a started run and lets the web server (already listening) serve it. */
export async function openLiveAccess(
  run: Run,
  web: WebServer | undefined,
  notice: (message: string) => void,
): Promise<LiveAccess> {
  const feed = new RunFeed(run, (line) => run.record(line));
  let server: ControlServer | undefined;
  try {
    server = await ControlServer.start(feed, run.bufferDirectory, () => web?.access.address);
  } catch (error) {
    notice(
      `mimocorb2 attach, stop and status cannot reach this run: no control socket (${(error as Error).message})`,
    );
  }
  web?.attach(feed, run.bufferDirectory);
  return {
    feed,
    lines: web === undefined ? [] : [webPageLine(web.access)],
    close: async () => {
      await Promise.all([server?.close(), web?.close()]);
    },
  };
}
