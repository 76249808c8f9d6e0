import { connect } from 'node:net';
import { RemoteRunError } from '../errors.js';
import { LineChannel } from './line-channel.js';
import type { ClientMessage, ServerMessage } from './protocol.js';

/** How long a connection or an answer may take before control counts as not answering. */
export const ANSWER_TIMEOUT_MS = 3000;

type MessageOf<T extends ServerMessage['type']> = Extract<ServerMessage, { type: T }>;

/** The client's end of a run's control socket (`attach`, `stop`, `status`). */
export class ControlClient {
  readonly path: string;
  /** Resolves when the connection has closed, from either side. */
  readonly closed: Promise<void>;
  readonly #channel: LineChannel<ClientMessage, ServerMessage>;
  readonly #listeners: Set<(message: ServerMessage) => void>;

  private constructor(
    path: string,
    channel: LineChannel<ClientMessage, ServerMessage>,
    closed: Promise<void>,
    listeners: Set<(message: ServerMessage) => void>,
  ) {
    this.path = path;
    this.#channel = channel;
    this.closed = closed;
    this.#listeners = listeners;
  }

  /** Connects; control that does not accept within the timeout is an error. */
  static async connect(path: string, timeoutMs = ANSWER_TIMEOUT_MS): Promise<ControlClient> {
    const socket = connect(path);
    const listeners = new Set<(message: ServerMessage) => void>();
    const channel = new LineChannel<ClientMessage, ServerMessage>(socket, (message) => {
      for (const listener of listeners) listener(message);
    });
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new RemoteRunError(`control did not accept a connection on ${path} within ${timeoutMs} ms`));
      }, timeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        resolve();
      });
      socket.once('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(
          new RemoteRunError(`cannot connect to ${path}: ${error.code ?? error.message}`, { cause: error }),
        );
      });
    });
    return new ControlClient(path, channel, closed, listeners);
  }

  send(message: ClientMessage): void {
    this.#channel.send(message);
  }

  /** Calls `listener` with every message from control until the returned function is called. */
  onMessage(listener: (message: ServerMessage) => void): () => void {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  }

  /**
   * The next message of `type` (an `error` message rejects). Rejects when the connection closes
   * first, or after `timeoutMs` (none: waits as long as the connection lasts).
   */
  next<T extends ServerMessage['type']>(type: T, timeoutMs?: number): Promise<MessageOf<T>> {
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const finish = (action: () => void) => {
        clearTimeout(timer);
        stop();
        action();
      };
      const stop = this.onMessage((message) => {
        if (message.type === type) finish(() => resolve(message as MessageOf<T>));
        else if (message.type === 'error')
          finish(() => reject(new RemoteRunError(`control answered: ${message.message}`)));
      });
      void this.closed.then(() =>
        finish(() => reject(new RemoteRunError(`control closed the connection before its '${type}' answer`))),
      );
      if (timeoutMs !== undefined)
        timer = setTimeout(
          () =>
            finish(() =>
              reject(new RemoteRunError(`control gave no '${type}' answer within ${timeoutMs} ms`)),
            ),
          timeoutMs,
        );
    });
  }

  close(): void {
    this.#channel.close();
  }
}
