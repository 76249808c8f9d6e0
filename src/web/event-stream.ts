import type { IncomingMessage, ServerResponse } from 'node:http';
import { displayKey, type DisplayFrame } from '../display/index.js';
import type { FeedUpdate, RunFeed } from '../control/live/index.js';
import type { LogLine } from '../control/logs/index.js';
import { pageState, snapshotMessage } from './page-state.js';

/** Lines, notices and displays are sent together at most this often (snapshots come each second). */
const FLUSH_INTERVAL_MS = 300;
/** A comment line this often keeps idle connections open through proxies and finds dead ones. */
const KEEP_ALIVE_MS = 15_000;
/** How long a browser waits before it reconnects after a dropped connection. */
const RETRY_MS = 2000;
/** A page this far behind is cut off; it reconnects and starts again from a fresh state. */
const MAX_BACKLOG_BYTES = 8 * 1024 * 1024;

/**
 * The page's live updates as server-sent events (`/events`): `init` with the whole state on
 * every (re)connection, then `snapshot` each second and `lines`, `notices`, `displays` at most a
 * few times a second, and `finished` last. Each event is serialised once for all pages.
 */
export class EventStream {
  readonly #feed: RunFeed;
  readonly #webAddress: string;
  readonly #clients = new Set<ServerResponse>();
  #lines: LogLine[] = [];
  #notices: string[] = [];
  readonly #frames = new Map<string, DisplayFrame>();
  #flushTimer: NodeJS.Timeout | undefined;
  #keepAlive: NodeJS.Timeout | undefined;
  #stopWatching: (() => void) | undefined;

  constructor(feed: RunFeed, webAddress: string) {
    this.#feed = feed;
    this.#webAddress = webAddress;
    feed.subscribe((update) => this.#take(update));
  }

  /** Pages connected now. */
  get size(): number {
    return this.#clients.size;
  }

  /** Answers `GET /events`: the stream stays open until the run finishes or the page goes. */
  open(request: IncomingMessage, response: ServerResponse): void {
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Accel-Buffering': 'no',
    });
    const state = this.#feed.open();
    response.write(`retry: ${RETRY_MS}\n` + event('init', pageState(this.#feed, state, this.#webAddress)));
    if (state.result !== undefined) return void response.end();
    this.#clients.add(response);
    if (this.#clients.size === 1) this.#startWatching();
    const forget = () => {
      if (!this.#clients.delete(response)) return;
      if (this.#clients.size === 0) this.#stopWatching?.();
    };
    request.on('close', forget);
    response.on('close', forget);
  }

  /** Ends every stream (the server is closing). */
  close(): void {
    clearTimeout(this.#flushTimer);
    this.#stopWatching?.();
    for (const client of this.#clients) client.end();
    this.#clients.clear();
  }

  #startWatching(): void {
    this.#stopWatching = this.#feed.watchDisplays();
    this.#keepAlive = setInterval(() => this.#send(': keep-alive\n\n'), KEEP_ALIVE_MS);
    const stop = this.#stopWatching;
    this.#stopWatching = () => {
      stop();
      clearInterval(this.#keepAlive);
      this.#stopWatching = undefined;
    };
  }

  #take(update: FeedUpdate): void {
    if (this.#clients.size === 0) return;
    switch (update.type) {
      case 'snapshot':
        return this.#send(event('snapshot', snapshotMessage(this.#feed, update.snapshot, this.#webAddress)));
      case 'lines':
        this.#lines.push(...update.lines);
        return this.#scheduleFlush();
      case 'notice':
        this.#notices.push(update.message);
        return this.#scheduleFlush();
      case 'displays':
        for (const frame of update.frames) this.#frames.set(displayKey(frame), frame);
        return this.#scheduleFlush();
      case 'finished':
        this.#flush();
        this.#send(event('finished', update.result));
        for (const client of this.#clients) client.end();
        this.#clients.clear();
        this.#stopWatching?.();
        return;
    }
  }

  #scheduleFlush(): void {
    this.#flushTimer ??= setTimeout(() => this.#flush(), FLUSH_INTERVAL_MS);
  }

  #flush(): void {
    clearTimeout(this.#flushTimer);
    this.#flushTimer = undefined;
    let text = '';
    if (this.#lines.length > 0) text += event('lines', this.#lines);
    if (this.#notices.length > 0) text += event('notices', this.#notices);
    if (this.#frames.size > 0) text += event('displays', [...this.#frames.values()]);
    this.#lines = [];
    this.#notices = [];
    this.#frames.clear();
    if (text !== '') this.#send(text);
  }

  #send(text: string): void {
    for (const client of this.#clients) {
      if (client.writableLength > MAX_BACKLOG_BYTES) {
        client.end();
        this.#clients.delete(client);
      } else client.write(text);
    }
    if (this.#clients.size === 0) this.#stopWatching?.();
  }
}

/** One server-sent event: its name and its data as one line of JSON. */
function event(name: string, data: unknown): string {
  return `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}
