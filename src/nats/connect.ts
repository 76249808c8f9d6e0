import { readFileSync } from 'node:fs';
import {
  AuthorizationError,
  connect,
  credsAuthenticator,
  type NatsConnection,
  type NodeConnectionOptions,
} from '@nats-io/transport-node';
import type { ResolvedNatsConfig } from './config/index.js';
import { NatsError } from '../errors.js';

const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 5000;
/** A dead server is noticed at the latest after PING_INTERVAL_MS * (MAX_PINGS_OUT + 1). */
const PING_INTERVAL_MS = 10_000;
const MAX_PINGS_OUT = 2;
const RECONNECT_WAIT_MS = 1000;

/** The client options of a config: servers, login, TLS, and reconnecting for ever once connected. */
export function connectionOptions(config: ResolvedNatsConfig, name: string): NodeConnectionOptions {
  return {
    servers: [...config.servers],
    name,
    ...(config.user === undefined ? {} : { user: config.user, pass: config.password }),
    ...(config.token === undefined ? {} : { token: config.token }),
    ...(config.credentials === undefined
      ? {}
      : { authenticator: credsAuthenticator(readCredentials(config.credentials)) }),
    ...(config.tls === undefined
      ? {}
      : {
          tls: {
            ...(config.tls.ca === undefined ? {} : { caFile: config.tls.ca }),
            ...(config.tls.cert === undefined ? {} : { certFile: config.tls.cert }),
            ...(config.tls.key === undefined ? {} : { keyFile: config.tls.key }),
          },
        }),
    // Else every request (each acknowledged publish) makes an Error for its stack: measurably slow.
    noAsyncTraces: true,
    maxReconnectAttempts: -1,
    reconnectTimeWait: RECONNECT_WAIT_MS,
    pingInterval: PING_INTERVAL_MS,
    maxPingOut: MAX_PINGS_OUT,
  };
}

function readCredentials(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new NatsError(
      `credentials: cannot read the NATS credentials file ${path}: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
}

/** The server list as a person reads it. */
export function describeServers(config: ResolvedNatsConfig): string {
  return config.servers.join(', ');
}

/** What went wrong connecting, said for a person; `isFinal` when trying again cannot help. */
export function describeConnectError(
  error: unknown,
  config: ResolvedNatsConfig,
): { text: string; isFinal: boolean } {
  const servers = describeServers(config);
  if (error instanceof AuthorizationError) {
    const login =
      config.user !== undefined
        ? `user '${config.user}' and its password`
        : config.token !== undefined
          ? 'the token'
          : config.credentials !== undefined
            ? `the credentials in ${config.credentials}`
            : 'no login (the server wants one: set user and password, token or credentials)';
    return { text: `nats-server ${servers} refused ${login}: authorization violation`, isFinal: true };
  }
  if (error instanceof NatsError) return { text: error.message, isFinal: true };
  const cause = (error as { cause?: unknown }).cause;
  const code = (error as { code?: unknown }).code ?? (cause as { code?: unknown } | undefined)?.code;
  const reason =
    code === 'ECONNREFUSED'
      ? 'connection refused: is nats-server running there, on that port?'
      : code === 'ENOTFOUND'
        ? 'no such host'
        : (error as Error).message;
  return { text: `cannot reach nats-server ${servers} (${reason})`, isFinal: false };
}

export interface ConnectOptions {
  /** The client's name, as nats-server's monitoring shows it. */
  readonly name: string;
  /** Says that an attempt failed and when the next comes. */
  readonly log: (line: string) => void;
}

/**
 * Connects to the first server that answers. With connect_retry 0 one attempt decides; else it
 * tries again with a growing back-off (0.25 s to 5 s) for that many seconds. A refused login
 * ends the attempts at once. Once connected, the client reconnects by itself for ever.
 */
export async function connectToNats(
  config: ResolvedNatsConfig,
  options: ConnectOptions,
): Promise<NatsConnection> {
  const deadline = performance.now() + config.connectRetryS * 1000;
  let waitMs = FIRST_RETRY_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      return await connect(connectionOptions(config, options.name));
    } catch (error) {
      const { text, isFinal } = describeConnectError(error, config);
      const leftMs = deadline - performance.now();
      if (isFinal || leftMs <= 0) {
        const tried = attempt > 1 ? ` (tried ${attempt} times in ${config.connectRetryS} s)` : '';
        throw new NatsError(`${text}${tried}`, { cause: error });
      }
      const pauseMs = Math.min(waitMs, leftMs);
      options.log(
        `${text}; trying again in ${(pauseMs / 1000).toFixed(2)} s (connect_retry ${config.connectRetryS} s)`,
      );
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
      waitMs = Math.min(MAX_RETRY_MS, waitMs * 2);
    }
  }
}
