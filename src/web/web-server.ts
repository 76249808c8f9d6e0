import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunFeed } from '../control/live/index.js';
import { WebServerError } from '../errors.js';
import { writeWebAccess, type WebAccess } from './access-file.js';
import { authorize } from './auth.js';
import { handleControlRequest, remoteAddress } from './control-request.js';
import { EventStream } from './event-stream.js';
import { formatHttpUrl, type HttpAddress } from './http-address.js';
import { formatMetrics, METRICS_CONTENT_TYPE } from './metrics.js';
import { loadPageAssets, type PageAsset } from './page-assets.js';
import { snapshotResponse } from './page-state.js';
import { RefusalLog } from './refusal-log.js';
import { COMMON_HEADERS, sendJson, sendText } from './responses.js';

export interface WebServerOptions {
  readonly address: HttpAddress;
  readonly token: string;
  /** `/metrics` without the token (`--metrics-public`). @default false */
  readonly isMetricsPublic?: boolean;
  /** Where the built page is. @default dist/web/page */
  readonly pageDirectory?: string;
}

/** What serves the page once the run has started. */
interface Attached {
  readonly feed: RunFeed;
  readonly events: EventStream;
  readonly refusals: RefusalLog;
}

/**
 * The run's web server (`--http`): the status page and its live events, `/api/snapshot`,
 * `/metrics` and the controls, every request with the run's token. It listens before the run
 * starts (a port in use fails the start, leaving nothing behind) and serves once attached.
 */
export class WebServer {
  readonly access: WebAccess;
  readonly #options: WebServerOptions;
  readonly #server: Server;
  readonly #assets: ReadonlyMap<string, PageAsset>;
  readonly #port: number;
  #attached: Attached | undefined;

  private constructor(options: WebServerOptions, server: Server, assets: ReadonlyMap<string, PageAsset>) {
    this.#options = options;
    this.#server = server;
    this.#assets = assets;
    this.#port = (server.address() as AddressInfo).port;
    this.access = { address: formatHttpUrl(options.address.host, this.#port), token: options.token };
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      this.#handle(request, response).catch((error: unknown) => {
        if (!response.headersSent) sendText(response, 500, `internal error: ${(error as Error).message}`);
        else response.destroy();
      });
    });
  }

  /** Binds the address; a port in use or a host that is not this machine's is a WebServerError. */
  static async listen(options: WebServerOptions): Promise<WebServer> {
    const assets = loadPageAssets(options.pageDirectory);
    const server = createServer();
    const { host, port } = options.address;
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) =>
        reject(
          new WebServerError(
            `--http: cannot listen on ${formatHttpUrl(host, port)}: ${error.code === 'EADDRINUSE' ? 'the port is in use' : error.message}`,
            { cause: error },
          ),
        ),
      );
      server.listen(port, host, () => resolve());
    });
    return new WebServer(options, server, assets);
  }

  /** Starts serving the run and writes the address and token into its buffer directory (0600). */
  attach(feed: RunFeed, bufferDirectory: string): void {
    writeWebAccess(bufferDirectory, this.access);
    this.#attached = {
      feed,
      events: new EventStream(feed, this.access.address),
      refusals: new RefusalLog((line) => feed.record(line)),
    };
  }

  /** Pages connected now. */
  get pagesConnected(): number {
    return this.#attached?.events.size ?? 0;
  }

  /** Ends the live streams and stops listening. */
  async close(): Promise<void> {
    this.#attached?.events.close();
    this.#server.closeIdleConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    for (const [name, value] of Object.entries(COMMON_HEADERS)) response.setHeader(name, value);
    const url = new URL(request.url ?? '/', 'http://localhost');
    const access = authorize(
      request,
      url,
      this.#options.token,
      this.#port,
      this.#options.isMetricsPublic ?? false,
    );
    if (access.kind === 'refused') {
      this.#attached?.refusals.refused(
        `web: refused ${request.method ?? '?'} ${url.pathname} from ${remoteAddress(request)}: ${access.reason}`,
      );
      return sendText(
        response,
        401,
        "401 Unauthorized: this page needs the run's token; `mimocorb2 status` prints its URL",
        {
          'WWW-Authenticate': 'Bearer realm="mimocorb2"',
        },
      );
    }
    if (access.kind === 'login') {
      response.writeHead(303, { 'Set-Cookie': access.cookie, Location: access.location });
      return void response.end();
    }
    const attached = this.#attached;
    const route = `${request.method ?? ''} ${url.pathname}`;
    const asset = this.#assets.get(url.pathname);
    if (asset !== undefined && request.method === 'GET') {
      response.writeHead(200, { 'Content-Type': asset.contentType });
      return void response.end(asset.body);
    }
    if (attached === undefined) return sendText(response, 503, 'the run is starting', { 'Retry-After': '1' });
    switch (route) {
      case 'GET /events':
        return attached.events.open(request, response);
      case 'GET /api/snapshot':
        return sendJson(response, 200, snapshotResponse(attached.feed, this.access.address));
      case 'GET /metrics':
        response.writeHead(200, { 'Content-Type': METRICS_CONTENT_TYPE });
        return void response.end(formatMetrics(attached.feed.info, attached.feed.latest));
      case 'GET /data-flow.svg':
        return this.#sendDataFlow(response, attached.feed);
      case 'POST /api/control':
        return handleControlRequest(request, response, attached.feed);
    }
    const allowed = ['/events', '/api/snapshot', '/metrics', '/data-flow.svg', ...this.#assets.keys()];
    if (url.pathname === '/api/control') return sendText(response, 405, 'use POST', { Allow: 'POST' });
    if (allowed.includes(url.pathname)) return sendText(response, 405, 'use GET', { Allow: 'GET' });
    sendText(response, 404, `no such page: ${url.pathname}`);
  }

  async #sendDataFlow(response: ServerResponse, feed: RunFeed): Promise<void> {
    let svg: Buffer;
    try {
      svg = await readFile(feed.run.directory.dataFlowFile);
    } catch {
      return sendText(response, 404, 'data_flow.svg is not drawn yet');
    }
    // Shown as an image, where no script of it runs; sandboxed should it be opened on its own.
    response.writeHead(200, {
      'Content-Type': 'image/svg+xml',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    });
    response.end(svg);
  }
}
