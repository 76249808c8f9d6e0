import { describe, expect, it } from 'vitest';
import { isLive, isRunLive, type Member, type RegistryView } from '../../../src/nats/registry.js';
import { memberId, parseMemberRecord } from '../../../src/nats/registry-records.js';

const NOW = 1_000_000;

function member(key: string, change: Partial<Member>): Member {
  return {
    key,
    role: 'sender',
    run: 7,
    state: 'live',
    host: 'daq',
    pid: 1,
    worker: 'send',
    process: 0,
    messages: 0,
    events: 0,
    redelivered: 0,
    last_seq: 0,
    beat: 1,
    writtenMs: NOW - 500,
    ...change,
  };
}

function view(members: Member[], change: Partial<RegistryView> = {}): RegistryView {
  return {
    run: {
      id: 7,
      writtenMs: NOW - 60_000,
      record: { started_by: 'sender.a', previous: null, purged_messages: 0 },
    },
    members,
    layout: undefined,
    serverNowMs: NOW,
    canJudgeAge: true,
    ...change,
  };
}

describe('the registry of a stream', () => {
  it('takes a process as gone once its entry is older than ten seconds on the server clock', () => {
    const fresh = member('sender.a', {});
    const old = member('sender.b', { writtenMs: NOW - 10_001 });
    const ended = member('sender.c', { state: 'ended' });
    const registry = view([fresh, old, ended]);
    expect([fresh, old, ended].map((m) => isLive(m, registry))).toEqual([true, false, false]);
  });

  it('judges no age for a while after a reconnect (nobody could write during the outage)', () => {
    const old = member('sender.b', { writtenMs: NOW - 60_000 });
    expect(isLive(old, view([old], { canJudgeAge: false }))).toBe(true);
  });

  it('lets a run go on while a sender of it lives, or while its first sender registers', () => {
    const registry = view([member('sender.a', { state: 'ended' })]);
    expect(isRunLive(registry.run!, registry)).toBe(false);
    expect(
      isRunLive(registry.run!, view([member('sender.a', {}), member('sender.b', { state: 'ended' })])),
    ).toBe(true);
    const starting = view([], { run: { ...registry.run!, writtenMs: NOW - 2000 } });
    expect(isRunLive(starting.run!, starting)).toBe(true);
    const abandoned = view([], { run: { ...registry.run!, writtenMs: NOW - 20_000 } });
    expect(isRunLive(abandoned.run!, abandoned)).toBe(false);
  });

  it('names a process by host, control pid, worker and process index (a restart keeps it)', () => {
    expect(memberId('daq.lab.example', 4242, 'send', 1)).toBe('daq_lab_example-4242-send-1');
  });

  it('reads an entry written by another version leniently, and refuses what is none', () => {
    expect(parseMemberRecord({ role: 'receiver', state: 'waiting', run: null })).toMatchObject({
      role: 'receiver',
      run: null,
      events: 0,
      host: '?',
    });
    expect(parseMemberRecord({ role: 'boss', state: 'live' })).toBeUndefined();
    expect(parseMemberRecord('nonsense')).toBeUndefined();
  });
});
