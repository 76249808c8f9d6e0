// A real nats-server (Debian's package) for the tests: a free port, a temporary store, killed
// and removed after each test. Tests that need one skip, saying why, when it is not installed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { findNatsServer } from '../../src/bench/nats-server.js';
import { describeChild, spawnTracked, waitFor, waitForExit, type TrackedChild } from './processes.js';

/** The nats-server binary (on PATH or in /usr/sbin, where Debian puts it), or undefined. */
export const NATS_SERVER = findNatsServer();

/** Why NATS tests are skipped here, or undefined when they can run. */
export const NATS_SKIP_REASON =
  NATS_SERVER === undefined
    ? 'nats-server is not installed (apt-get install nats-server; .ci/run does): looked on PATH and in /usr/sbin'
    : undefined;
if (NATS_SKIP_REASON !== undefined) process.stderr.write(`skipping the NATS tests: ${NATS_SKIP_REASON}\n`);

const READY_DEADLINE_MS = 10_000;

export interface NatsServerOptions {
  /** Require this user and password. */
  readonly user?: string;
  readonly password?: string;
  /** Run without JetStream. */
  readonly withoutJetStream?: boolean;
}

/** A nats-server of one test, with its store; restart() keeps port and store. */
export class NatsServer {
  readonly storeDir: string;
  readonly options: NatsServerOptions;
  #port = -1;
  #child: TrackedChild | undefined;

  private constructor(options: NatsServerOptions) {
    this.options = options;
    this.storeDir = mkdtempSync(join(tmpdir(), 'mimocorb2-nats-'));
  }

  /** Starts a server on a free port and waits until it says it is ready. */
  static async start(options: NatsServerOptions = {}): Promise<NatsServer> {
    const server = new NatsServer(options);
    servers.add(server);
    await server.#launch();
    return server;
  }

  get port(): number {
    return this.#port;
  }

  get url(): string {
    return `nats://127.0.0.1:${this.#port}`;
  }

  async #launch(): Promise<void> {
    if (NATS_SERVER === undefined) throw new Error(NATS_SKIP_REASON);
    const { user, password, withoutJetStream } = this.options;
    const args = ['-a', '127.0.0.1', '-p', String(this.#port), '-sd', this.storeDir];
    if (withoutJetStream !== true) args.unshift('-js');
    if (user !== undefined) args.push('--user', user, '--pass', password ?? '');
    const child = spawnTracked(NATS_SERVER, args, 'nats-server');
    this.#child = child;
    await waitFor(
      () => {
        if (child.exitStatus() !== undefined) throw new Error(`nats-server ended: ${describeChild(child)}`);
        return /Server is ready/.test(child.stderr());
      },
      'nats-server to be ready',
      READY_DEADLINE_MS,
      () => child.stderr().slice(-500),
    );
    const listening = /Listening for client connections on [^:]+:(\d+)/.exec(child.stderr());
    if (listening === null) throw new Error(`nats-server said no port: ${describeChild(child)}`);
    this.#port = Number(listening[1]);
  }

  /** Stops the server (SIGTERM: it flushes its store) and waits until it is gone. */
  async stop(): Promise<void> {
    const child = this.#child;
    if (child === undefined) return;
    this.#child = undefined;
    child.process.kill('SIGTERM');
    await waitForExit(child);
  }

  /** Starts it again on the same port with the same store. */
  async restart(): Promise<void> {
    await this.stop();
    await this.#launch();
  }

  async remove(): Promise<void> {
    if (this.#child !== undefined) {
      this.#child.process.kill('SIGKILL');
      await this.#child.exited;
      this.#child = undefined;
    }
    rmSync(this.storeDir, { recursive: true, force: true });
  }
}

const servers = new Set<NatsServer>();

/** Kills every server a test of the calling file started and removes its store, after each test. */
export function useNatsServers(): void {
  afterEach(async () => {
    for (const server of servers) await server.remove();
    servers.clear();
  });
}
