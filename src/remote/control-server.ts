import { chmodSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { parseRunCommand, runStatus, type FeedUpdate, type RunFeed } from '../control/live/index.js';
import { isRecord } from '../is-record.js';
import { LineChannel } from './line-channel.js';
import type { ClientMessage, ServerMessage } from './protocol.js';
import { controlSocketPath } from './run-files.js';

type Channel = LineChannel<ServerMessage, ClientMessage>;

/**
 * Control's end of the control socket (`<buffer directory>/control.sock`, 0600): answers
 * `status`, streams the run to an attached TUI, carries out commands and tells `stop` when the
 * run has finished. The socket goes when the run's buffer directory does.
 */
export class ControlServer {
  readonly path: string;
  readonly #feed: RunFeed;
  readonly #server: Server;
  readonly #webAddress: () => string | undefined;
  readonly #channels = new Set<Channel>();

  private constructor(feed: RunFeed, path: string, webAddress: () => string | undefined) {
    this.#feed = feed;
    this.path = path;
    this.#webAddress = webAddress;
    this.#server = createServer((socket) => this.#accept(socket));
  }

  /** Listens on the run's control socket; `webAddress` is the page's address once it has one. */
  static async start(
    feed: RunFeed,
    bufferDirectory: string,
    webAddress: () => string | undefined = () => undefined,
  ): Promise<ControlServer> {
    const server = new ControlServer(feed, controlSocketPath(bufferDirectory), webAddress);
    await new Promise<void>((resolve, reject) => {
      server.#server.once('error', reject);
      // Only this user may connect: the directory is 0700 already, the socket is 0600 as well.
      server.#server.listen(server.path, () => {
        server.#server.off('error', reject);
        resolve();
      });
    });
    chmodSync(server.path, 0o600);
    return server;
  }

  /** Stops listening and ends every connection (after the run has finished: they have been told). */
  async close(): Promise<void> {
    for (const channel of this.#channels) channel.close();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
    rmSync(this.path, { force: true });
  }

  #accept(socket: Socket): void {
    let stop: (() => void) | undefined;
    const channel: Channel = new LineChannel(socket, (message) => {
      if (!isRecord(message)) return channel.send({ type: 'error', message: 'a message is a JSON object' });
      stop = this.#answer(channel, message, stop) ?? stop;
    });
    this.#channels.add(channel);
    socket.on('close', () => {
      this.#channels.delete(channel);
      stop?.();
    });
  }

  /** Answers one message; returns what ends a subscription it started. */
  #answer(channel: Channel, message: ClientMessage, subscribed: (() => void) | undefined) {
    const feed = this.#feed;
    switch (message.type) {
      case 'status':
        return void channel.send({ type: 'status', status: runStatus(feed, this.#webAddress()) });
      case 'attach':
        if (subscribed !== undefined) return undefined;
        channel.send({ type: 'welcome', state: feed.open() });
        return this.#stream(channel);
      case 'watch-displays':
        return void this.#watch(channel, message.isWatched === true);
      case 'command': {
        const command = parseRunCommand(message.command);
        if (typeof command === 'string') return void channel.send({ type: 'error', message: command });
        const origin = message.origin;
        const who = isRecord(origin) ? `${String(origin.program)} (pid ${String(origin.pid)})` : 'socket';
        const reply = feed.command(command, who);
        return void channel.send({ type: 'reply', id: message.id, reply });
      }
      case 'wait':
        void feed.finished.then((result) => channel.send({ type: 'finished', result }));
        return undefined;
      default:
        return void channel.send({
          type: 'error',
          message: `unknown message type ${JSON.stringify((message as { type?: unknown }).type)}`,
        });
    }
  }

  readonly #watching = new Map<Channel, () => void>();

  #watch(channel: Channel, isWatched: boolean): void {
    const stop = this.#watching.get(channel);
    if (isWatched && stop === undefined) this.#watching.set(channel, this.#feed.watchDisplays());
    if (!isWatched && stop !== undefined) {
      stop();
      this.#watching.delete(channel);
    }
  }

  /** Sends the feed's updates to an attached client until it goes. */
  #stream(channel: Channel): () => void {
    // Every client gets the same text: serialised once per update, not once per client.
    const unsubscribe = this.#feed.subscribe((update) => channel.sendText(this.#serialised(update)));
    return () => {
      unsubscribe();
      this.#watching.get(channel)?.();
      this.#watching.delete(channel);
    };
  }

  #lastUpdate: FeedUpdate | undefined;
  #lastText = '';

  #serialised(update: FeedUpdate): string {
    if (update !== this.#lastUpdate) {
      this.#lastUpdate = update;
      this.#lastText = JSON.stringify(update) + '\n';
    }
    return this.#lastText;
  }
}
