// The config keys of exporters.nats and importers.nats, their defaults and their checks: the
// same keys on both sides of a stream.
import { isAbsolute, resolve } from 'node:path';
import { describeValue } from '../../control/setup/problems.js';
import { isRecord } from '../../is-record.js';

export type NatsMode = 'jetstream' | 'core';
export type NatsStorage = 'file' | 'memory';

/** The keys as a setup file writes them (snake_case), before defaults. */
export interface NatsConfigInput {
  readonly servers?: unknown;
  readonly stream?: unknown;
  readonly subject?: unknown;
  readonly mode?: unknown;
  readonly consumer?: unknown;
  readonly storage?: unknown;
  readonly max_batch_events?: unknown;
  readonly max_batch_bytes?: unknown;
  readonly flush_ms?: unknown;
  readonly user?: unknown;
  readonly password?: unknown;
  readonly token?: unknown;
  readonly credentials?: unknown;
  readonly tls?: unknown;
  readonly connect_retry?: unknown;
  readonly ack_wait?: unknown;
}

export interface NatsTlsFiles {
  readonly ca?: string;
  readonly cert?: string;
  readonly key?: string;
}

/** Everything both functions need to reach their stream, with defaults filled and paths absolute. */
export interface ResolvedNatsConfig {
  readonly servers: readonly string[];
  readonly stream: string;
  readonly subject: string;
  readonly mode: NatsMode;
  readonly consumer: string;
  readonly storage: NatsStorage;
  readonly maxBatchEvents: number;
  readonly maxBatchBytes: number;
  readonly flushMs: number;
  readonly user?: string;
  readonly password?: string;
  readonly token?: string;
  readonly credentials?: string;
  readonly tls?: NatsTlsFiles;
  readonly connectRetryS: number;
  readonly ackWaitS: number;
}

export const DEFAULT_SERVER = 'nats://127.0.0.1:4222';
/** What fits a message under nats-server's default max_payload (1 MiB) with room for headers. */
export const DEFAULT_MAX_BATCH_BYTES = 1_000_000;
export const DEFAULT_MAX_BATCH_EVENTS = 16_384;
export const DEFAULT_FLUSH_MS = 5;
export const DEFAULT_ACK_WAIT_S = 10;

/** One thing wrong with a config value. */
export interface NatsConfigProblem {
  readonly key: string;
  /** `expected …, got …` */
  readonly message: string;
}

const NAME = /^[A-Za-z0-9_-]+$/;
// A subject: dot-separated tokens without spaces or wildcards (a sender publishes to one subject).
const SUBJECT = /^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*$/;
const SERVER = /^((nats|tls|ws|wss):\/\/)?[^\s/]+(:\d+)?\/?$/;

/** A stream name from a buffer name: NATS names take no dots. */
export function streamNameFor(bufferName: string): string {
  return bufferName.replace(/[^A-Za-z0-9_-]/g, '_');
}

/**
 * Checks the keys and fills the defaults. `bufferName` is the buffer that crosses the hosts (the
 * exporter's source, the importer's sink): the stream is named after it unless `stream` is set.
 */
export function resolveNatsConfig(
  input: NatsConfigInput,
  bufferName: string,
  setupDir: string,
): { config: ResolvedNatsConfig; problems: readonly NatsConfigProblem[] } {
  const problems: NatsConfigProblem[] = [];
  const expect = (key: string, what: string, value: unknown) =>
    problems.push({ key, message: `expected ${what}, got ${describeValue(value)}` });

  const servers = readServers(input.servers, expect);
  const stream = readName(input.stream, 'stream', streamNameFor(bufferName), expect);
  const subject = readText(
    input.subject,
    'subject',
    `mimocorb2.${stream}`,
    SUBJECT,
    'a NATS subject such as daq.accepted (no spaces, no wildcards)',
    expect,
  );
  const mode = readChoice(input.mode, 'mode', ['jetstream', 'core'] as const, expect);
  const consumer = readName(input.consumer, 'consumer', stream, expect);
  const storage = readChoice(input.storage, 'storage', ['file', 'memory'] as const, expect);
  const maxBatchEvents = readNumber(
    input.max_batch_events,
    'max_batch_events',
    DEFAULT_MAX_BATCH_EVENTS,
    1,
    true,
    expect,
  );
  const maxBatchBytes = readNumber(
    input.max_batch_bytes,
    'max_batch_bytes',
    DEFAULT_MAX_BATCH_BYTES,
    1024,
    true,
    expect,
  );
  const flushMs = readNumber(input.flush_ms, 'flush_ms', DEFAULT_FLUSH_MS, 0, false, expect);
  const connectRetryS = readNumber(input.connect_retry, 'connect_retry', 0, 0, false, expect);
  const ackWaitS = readNumber(input.ack_wait, 'ack_wait', DEFAULT_ACK_WAIT_S, 1, false, expect);
  const user = readOptionalText(input.user, 'user', expect);
  const password = readOptionalText(input.password, 'password', expect);
  const token = readOptionalText(input.token, 'token', expect);
  const credentials = readOptionalPath(input.credentials, 'credentials', setupDir, expect);
  const tls = readTls(input.tls, setupDir, expect, problems);

  if (user !== undefined && password === undefined)
    problems.push({ key: 'password', message: `expected a password for user '${user}', got nothing` });
  if (password !== undefined && user === undefined)
    problems.push({ key: 'user', message: 'expected the user the password belongs to, got nothing' });
  const ways = [
    user !== undefined && 'user',
    token !== undefined && 'token',
    credentials !== undefined && 'credentials',
  ];
  const given = ways.filter((way): way is string => way !== false);
  if (given.length > 1) {
    problems.push({
      key: given[1] as string,
      message: `expected one way to log in (user and password, token, or credentials), got ${given.join(' and ')}`,
    });
  }

  const config: ResolvedNatsConfig = {
    servers,
    stream,
    subject,
    mode,
    consumer,
    storage,
    maxBatchEvents,
    maxBatchBytes,
    flushMs,
    ...(user === undefined ? {} : { user }),
    ...(password === undefined ? {} : { password }),
    ...(token === undefined ? {} : { token }),
    ...(credentials === undefined ? {} : { credentials }),
    ...(tls === undefined ? {} : { tls }),
    connectRetryS,
    ackWaitS,
  };
  return { config, problems };
}

type Expect = (key: string, what: string, value: unknown) => void;

function readServers(value: unknown, expect: Expect): string[] {
  if (value === undefined || value === null) return [DEFAULT_SERVER];
  const list = typeof value === 'string' ? value.split(',').map((s) => s.trim()) : value;
  if (!Array.isArray(list) || list.length === 0) {
    expect('servers', 'a server URL such as nats://daq-server:4222, or a list of them', value);
    return [DEFAULT_SERVER];
  }
  const servers: string[] = [];
  for (const item of list) {
    if (typeof item === 'string' && SERVER.test(item)) servers.push(item);
    else expect('servers', 'server URLs such as nats://daq-server:4222', item);
  }
  return servers.length > 0 ? servers : [DEFAULT_SERVER];
}

function readName(value: unknown, key: string, fallback: string, expect: Expect): string {
  return readText(value, key, fallback, NAME, 'a name of letters, digits, - and _', expect);
}

function readText(
  value: unknown,
  key: string,
  fallback: string,
  pattern: RegExp,
  what: string,
  expect: Expect,
): string {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'string' && pattern.test(value)) return value;
  expect(key, what, value);
  return fallback;
}

function readChoice<const C extends readonly string[]>(
  value: unknown,
  key: string,
  choices: C,
  expect: Expect,
): C[number] {
  if (value === undefined || value === null) return choices[0] as C[number];
  if (typeof value === 'string' && choices.includes(value)) return value;
  expect(key, `one of ${choices.map((c) => `'${c}'`).join(', ')}`, value);
  return choices[0] as C[number];
}

function readNumber(
  value: unknown,
  key: string,
  fallback: number,
  min: number,
  isInteger: boolean,
  expect: Expect,
): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'number' && value >= min && (!isInteger || Number.isInteger(value))) return value;
  expect(key, `${isInteger ? 'a whole number' : 'a number'} >= ${min}`, value);
  return fallback;
}

function readOptionalText(value: unknown, key: string, expect: Expect): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' && value !== '') return value;
  expect(key, 'a non-empty string', value);
  return undefined;
}

function readOptionalPath(value: unknown, key: string, setupDir: string, expect: Expect): string | undefined {
  const text = readOptionalText(value, key, expect);
  if (text === undefined) return undefined;
  return isAbsolute(text) ? text : resolve(setupDir, text);
}

function readTls(
  value: unknown,
  setupDir: string,
  expect: Expect,
  problems: NatsConfigProblem[],
): NatsTlsFiles | undefined {
  if (value === undefined || value === null || value === false) return undefined;
  if (value === true) return {};
  if (!isRecord(value)) {
    expect('tls', 'true or a mapping of ca, cert and key files', value);
    return undefined;
  }
  const files: Record<string, string> = {};
  for (const [name, file] of Object.entries(value)) {
    if (!['ca', 'cert', 'key'].includes(name)) {
      problems.push({ key: 'tls', message: `expected only the keys ca, cert and key, got '${name}'` });
      continue;
    }
    const path = readOptionalPath(file, `tls.${name}`, setupDir, expect);
    if (path !== undefined) files[name] = path;
  }
  if ((files['cert'] === undefined) !== (files['key'] === undefined))
    problems.push({
      key: 'tls',
      message: 'expected cert and key together (the client certificate and its key)',
    });
  return files;
}
