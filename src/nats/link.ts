import type { NatsConnection } from '@nats-io/transport-node';
import { Signal } from './signal.js';

/**
 * A connection to nats-server and what a person should know about it: it logs when the server
 * goes away and comes back, and lets the data path wait for it.
 */
export class NatsLink {
  readonly nc: NatsConnection;
  readonly #log: (line: string) => void;
  readonly #changed = new Signal();
  readonly #onReconnect: (() => void)[] = [];
  readonly #onDisconnect: (() => void)[] = [];
  #downSinceMs: number | undefined;
  #server: string;

  constructor(nc: NatsConnection, log: (line: string) => void) {
    this.nc = nc;
    this.#log = log;
    this.#server = nc.getServer();
    void this.#watch();
  }

  get isConnected(): boolean {
    return this.#downSinceMs === undefined && !this.nc.isClosed();
  }

  /** Seconds since the server went away, or 0 while connected. */
  get downSeconds(): number {
    return this.#downSinceMs === undefined ? 0 : (performance.now() - this.#downSinceMs) / 1000;
  }

  get server(): string {
    return this.#server;
  }

  /** Calls `listener` when the server goes away. */
  onDisconnect(listener: () => void): void {
    this.#onDisconnect.push(listener);
  }

  /** Calls `listener` after each reconnect. */
  onReconnect(listener: () => void): void {
    this.#onReconnect.push(listener);
  }

  /** Resolves once connected (at once while connected). */
  async waitUntilConnected(): Promise<void> {
    while (!this.isConnected) {
      if (this.nc.isClosed()) throw new Error(`the connection to nats-server ${this.#server} is closed`);
      await this.#changed.wait();
    }
  }

  async #watch(): Promise<void> {
    for await (const status of this.nc.status()) {
      if (status.type === 'disconnect') {
        this.#downSinceMs ??= performance.now();
        this.#log(`lost nats-server ${status.server}: reconnecting (every second, for as long as it takes)`);
        for (const listener of this.#onDisconnect) listener();
      } else if (status.type === 'reconnect') {
        const seconds = this.downSeconds.toFixed(1);
        this.#downSinceMs = undefined;
        this.#server = status.server;
        this.#log(`reconnected to nats-server ${status.server} after ${seconds} s`);
        for (const listener of this.#onReconnect) listener();
      } else if (status.type === 'error') {
        this.#log(`nats-server ${this.#server}: ${status.error.message}`);
      } else if (status.type === 'ldm') {
        this.#log(`nats-server ${status.server} is going down for maintenance (lame duck mode)`);
      }
      this.#changed.notify();
    }
    this.#changed.notify();
  }
}
