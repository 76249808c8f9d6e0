import { describe, expect, it } from 'vitest';
import { resolveNatsConfig } from '../../../src/nats/config/index.js';

const SETUP_DIR = '/home/lab/daq';

describe('resolveNatsConfig', () => {
  it('fills the defaults from the buffer name', () => {
    const { config, problems } = resolveNatsConfig({}, 'accepted.events', SETUP_DIR);
    expect(problems).toEqual([]);
    expect(config).toEqual({
      servers: ['nats://127.0.0.1:4222'],
      stream: 'accepted_events',
      subject: 'mimocorb2.accepted_events',
      mode: 'jetstream',
      consumer: 'accepted_events',
      storage: 'file',
      maxBatchEvents: 16_384,
      maxBatchBytes: 1_000_000,
      flushMs: 5,
      connectRetryS: 0,
      ackWaitS: 10,
    });
  });

  it('takes every key, with paths relative to the setup file', () => {
    const { config, problems } = resolveNatsConfig(
      {
        servers: ['nats://a:4222', 'tls://b:4443'],
        stream: 'DAQ',
        subject: 'daq.accepted',
        mode: 'core',
        consumer: 'analysis',
        storage: 'memory',
        max_batch_events: 100,
        max_batch_bytes: 65_536,
        flush_ms: 0,
        credentials: 'secrets/daq.creds',
        tls: { ca: '/etc/ssl/ca.pem', cert: 'client.pem', key: 'client.key' },
        connect_retry: 30,
        ack_wait: 2,
      },
      'raw',
      SETUP_DIR,
    );
    expect(problems).toEqual([]);
    expect(config).toMatchObject({
      servers: ['nats://a:4222', 'tls://b:4443'],
      subject: 'daq.accepted',
      mode: 'core',
      consumer: 'analysis',
      credentials: '/home/lab/daq/secrets/daq.creds',
      tls: { ca: '/etc/ssl/ca.pem', cert: '/home/lab/daq/client.pem', key: '/home/lab/daq/client.key' },
      connectRetryS: 30,
      ackWaitS: 2,
    });
  });

  it('splits a comma-separated server list', () => {
    expect(
      resolveNatsConfig({ servers: 'nats://a:4222, nats://b:4222' }, 'raw', SETUP_DIR).config.servers,
    ).toEqual(['nats://a:4222', 'nats://b:4222']);
  });

  it.each([
    [
      { servers: 'nats://a b:4222' },
      'servers',
      'expected server URLs such as nats://daq-server:4222, got string "nats://a b:4222"',
    ],
    [{ stream: 'DAQ.raw' }, 'stream', 'expected a name of letters, digits, - and _, got string "DAQ.raw"'],
    [
      { subject: 'daq.*' },
      'subject',
      'expected a NATS subject such as daq.accepted (no spaces, no wildcards), got string "daq.*"',
    ],
    [{ mode: 'fast' }, 'mode', "expected one of 'jetstream', 'core', got string \"fast\""],
    [{ max_batch_events: 0 }, 'max_batch_events', 'expected a whole number >= 1, got number 0'],
    [{ flush_ms: -1 }, 'flush_ms', 'expected a number >= 0, got number -1'],
    [{ user: 'daq' }, 'password', "expected a password for user 'daq', got nothing"],
    [{ password: 'x' }, 'user', 'expected the user the password belongs to, got nothing'],
    [
      { user: 'daq', password: 'x', token: 't' },
      'token',
      'expected one way to log in (user and password, token, or credentials), got user and token',
    ],
    [{ tls: { ca: 'ca.pem', crt: 'x' } }, 'tls', "expected only the keys ca, cert and key, got 'crt'"],
    [
      { tls: { cert: 'client.pem' } },
      'tls',
      'expected cert and key together (the client certificate and its key)',
    ],
  ])('refuses %j at %s', (input, key, message) => {
    expect(resolveNatsConfig(input, 'raw', SETUP_DIR).problems).toContainEqual({ key, message });
  });
});
