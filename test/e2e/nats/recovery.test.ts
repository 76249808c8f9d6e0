import { describe, expect, it } from 'vitest';
import {
  expectExit,
  processesOfRun,
  readLog,
  useCliRuns,
  waitForEnd,
  waitForLog,
} from '../../helpers/cli.js';
import { NATS_SKIP_REASON, NatsServer, useNatsServers } from '../../helpers/nats-server.js';
import { useProcessCleanup, waitFor } from '../../helpers/processes.js';
import {
  bufferSummary,
  displayLinesOn,
  makeHost,
  openRingOn,
  pidsOf,
  range,
  receivedBy,
  startOn,
  writeAnalysis,
  writeFrontEnd,
} from './hosts.js';

useProcessCleanup();
useCliRuns();
useNatsServers();

const EVENTS = 20_000;
const SLOTS = 64;
const RUN_MS = 90_000;

/** Waits until the collector of a run has read at least `count` events; else shows the NATS logs. */
async function untilCollected(runDir: string, count: number, senderDir: string): Promise<void> {
  await waitFor(
    () => receivedBy(runDir).length >= count,
    `the collector to read ${count} events`,
    RUN_MS,
    () =>
      `${receivedBy(runDir).length} events; recv.log: ${readLog(runDir, 'recv')}; send.log: ${readLog(senderDir, 'send')}`,
  );
}

/** How many times each of 0 .. n-1 is in `values` (and whether anything else is). */
function tally(values: readonly number[], n: number): { missing: number[]; duplicates: number } {
  const counts = new Array<number>(n).fill(0);
  for (const value of values) {
    expect(Number.isInteger(value) && value >= 0 && value < n, `event ${value} is one that was sent`).toBe(
      true,
    );
    counts[value] = (counts[value] ?? 0) + 1;
  }
  return {
    missing: range(n).filter((value) => counts[value] === 0),
    duplicates: counts.reduce((sum, count) => sum + Math.max(0, count - 1), 0),
  };
}

/** The number in `<n> redelivered after a crash` of a buffer's summary line (0 without). */
function redeliveredIn(extras: string): number {
  const match = /([\d,]+) redelivered after a crash/.exec(extras);
  return match === null ? 0 : Number((match[1] as string).replaceAll(',', ''));
}

describe.skipIf(NATS_SKIP_REASON !== undefined)('nothing is lost in jetstream mode', () => {
  it('gives the unacknowledged events of a receiving process killed with -9 to the other receiver', async () => {
    const server = await NatsServer.start();
    const nats = { servers: server.url, stream: 'DAQ', subject: 'daq.raw', ack_wait: 2 };
    const front = makeHost('front');
    const analysis = makeHost('analysis');
    // A slow collector keeps the ring full, so both receivers hold messages they have not acknowledged.
    const receiving = await startOn(
      analysis,
      writeAnalysis(analysis, { nats, receivers: 2, delayMs: 0.2, slotCount: SLOTS }),
    );
    await waitForLog(receiving.run, receiving.runDir, 'recv', /\[1\] waiting for a sender/);
    const sending = await startOn(
      front,
      writeFrontEnd(front, { events: EVENTS, nats: { ...nats, max_batch_events: 200 } }),
    );
    await untilCollected(receiving.runDir, 3000, sending.runDir);

    const [victim] = pidsOf(receiving.run, 'recv[1]');
    expect(victim, 'pid of receiving process 1').toBeDefined();
    process.kill(victim as number, 'SIGKILL');

    await expectExit(sending.run, 0, RUN_MS);
    // A worker was killed: the run says so with exit code 1, after taking every event.
    const result = await expectExit(receiving.run, 1, RUN_MS);
    const { missing, duplicates } = tally(receivedBy(receiving.runDir), EVENTS);
    expect(missing, 'events no receiver committed').toEqual([]);
    const summary = bufferSummary(result.stdout, 'raw');
    expect(summary.events).toBe(EVENTS + duplicates);
    expect(redeliveredIn(summary.extras), `redelivered count in "${summary.extras}"`).toBeGreaterThanOrEqual(
      duplicates,
    );
    expect(readLog(receiving.runDir, 'recv')).toMatch(
      /\[0\] committed \d+ events of \d+ messages; of run \d+; \d+ of them delivered a second time/,
    );
  });

  it('commits every event at least once across two receiving runs when the first is killed with -9', async () => {
    const server = await NatsServer.start();
    const nats = { servers: server.url, stream: 'DAQ', subject: 'daq.raw', ack_wait: 2 };
    const front = makeHost('front');
    const analysis = makeHost('analysis');
    const first = await startOn(analysis, writeAnalysis(analysis, { nats, delayMs: 0.3, slotCount: SLOTS }));
    await waitForLog(first.run, first.runDir, 'recv', /waiting for a sender/);
    const sending = await startOn(
      front,
      writeFrontEnd(front, { events: EVENTS, nats: { ...nats, max_batch_events: 200 } }),
    );
    // The stream holds every event once the sender is done; the slow receiving run is still at it.
    await expectExit(sending.run, 0, RUN_MS);
    await untilCollected(first.runDir, 2000, sending.runDir);

    process.kill(first.run.controlPid, 'SIGKILL');
    await waitForEnd(first.run);
    await waitFor(
      () => processesOfRun(first.run).length === 0,
      "the killed run's workers to die with it",
      RUN_MS,
    );
    const collectedFirst = receivedBy(first.runDir);

    // The next run on that host removes the killed run's buffers and takes what the stream holds.
    const second = await startOn(analysis, writeAnalysis(analysis, { nats, slotCount: SLOTS }, 'again.yaml'));
    await expectExit(second.run, 0, RUN_MS);
    expect(readLog(second.runDir, 'recv')).toMatch(
      /run \d+ of stream 'DAQ' has ended and left events: taking them/,
    );
    const { missing } = tally([...collectedFirst, ...receivedBy(second.runDir)], EVENTS);
    // Only what sat in the killed run's ring buffer (and in its collector's hand) is gone.
    expect(
      missing.length,
      `events lost with the killed run: ${missing.slice(0, 20).join(', ')}`,
    ).toBeLessThanOrEqual(SLOTS + 1);
  });

  it('waits for a restarted nats-server with bounded memory, then sends every event once', async () => {
    const server = await NatsServer.start();
    const nats = { servers: server.url, stream: 'DAQ', subject: 'daq.raw', ack_wait: 5 };
    const front = makeHost('front');
    const analysis = makeHost('analysis');
    const receiving = await startOn(analysis, writeAnalysis(analysis, { nats }));
    await waitForLog(receiving.run, receiving.runDir, 'recv', /waiting for a sender/);
    const events = 8000;
    // Ten events per message: the sender holds at most 64 messages, so the ring soon fills.
    const sending = await startOn(
      front,
      writeFrontEnd(front, {
        events,
        rateHz: 2000,
        slotCount: SLOTS,
        nats: { ...nats, max_batch_events: 10 },
      }),
    );
    await untilCollected(receiving.runDir, 1000, sending.runDir);

    await server.stop();
    const ring = openRingOn(front, 'raw');
    try {
      await waitFor(
        () => ring.stats().free === 0,
        'no free slot in the sending ring buffer while the server is away',
        RUN_MS,
        () => ring.stats(),
      );
    } finally {
      ring.close();
    }
    await waitForLog(sending.run, sending.runDir, 'send', /lost nats-server 127\.0\.0\.1:\d+: reconnecting/);
    // The TUI shows it too: the sender's NATS display.
    await waitFor(
      () =>
        displayLinesOn(front, 'send', 0, 'NATS').some((line) => /AWAY for [\d.]+ s, reconnecting/.test(line)),
      "the sender's NATS display to say that the server is away",
      RUN_MS,
      () => displayLinesOn(front, 'send', 0, 'NATS'),
    );
    await server.restart();

    await expectExit(sending.run, 0, RUN_MS);
    const result = await expectExit(receiving.run, 0, RUN_MS);
    const sendLog = readLog(sending.runDir, 'send');
    expect(sendLog).toMatch(/reconnected to nats-server 127\.0\.0\.1:\d+ after [\d.]+ s/);
    expect(sendLog).toMatch(
      /stream 'DAQ' stores nothing for now \((the connection dropped|a publish failed: .*)\): \d+ messages \(\d+ events\) wait to be stored; more are sent until \d+ wait, then no more events are read; buffer 'raw' fills meanwhile/,
    );
    expect(sendLog).toMatch(
      /stream 'DAQ' stores messages again after [\d.]+ s; \d+ were sent again \(each stored once\)/,
    );
    expect(sendLog).toMatch(/sent 8000 events in \d+ messages/);
    const { missing, duplicates } = tally(receivedBy(receiving.runDir), events);
    expect(missing).toEqual([]);
    const summary = bufferSummary(result.stdout, 'raw');
    expect(summary.events).toBe(events + duplicates);
    expect(redeliveredIn(summary.extras)).toBeGreaterThanOrEqual(duplicates);
  });
});
