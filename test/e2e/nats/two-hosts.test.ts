import { describe, expect, it } from 'vitest';
import { expectExit, readLog, useCliRuns, waitForLog } from '../../helpers/cli.js';
import { NATS_SKIP_REASON, NatsServer, useNatsServers } from '../../helpers/nats-server.js';
import { useProcessCleanup } from '../../helpers/processes.js';
import {
  bufferSummary,
  expectEachOnce,
  makeHost,
  receivedBy,
  startOn,
  writeAnalysis,
  writeFrontEnd,
} from './hosts.js';

useProcessCleanup();
useCliRuns();
useNatsServers();

const EVENTS = 20_000;
const RUN_MS = 60_000;

describe.skipIf(NATS_SKIP_REASON !== undefined)('a buffer across two hosts through nats-server', () => {
  it.each(['receiver first', 'sender first'] as const)(
    'delivers every event exactly once and ends both runs by itself (%s)',
    async (order) => {
      const server = await NatsServer.start();
      const nats = { servers: server.url, stream: 'DAQ', subject: 'daq.raw' };
      const front = makeHost('front');
      const analysis = makeHost('analysis');
      const frontSetup = writeFrontEnd(front, { events: EVENTS, nats: { ...nats, max_batch_events: 500 } });
      const analysisSetup = writeAnalysis(analysis, { nats });

      const first = order === 'receiver first' ? analysisSetup : frontSetup;
      const firstHost = order === 'receiver first' ? analysis : front;
      const a = await startOn(firstHost, first);
      if (order === 'receiver first')
        await waitForLog(a.run, a.runDir, 'recv', /waiting for a sender on stream 'DAQ'/);
      else await waitForLog(a.run, a.runDir, 'send', /sent 20000 events in \d+ messages/, RUN_MS);
      const b = await startOn(
        order === 'receiver first' ? front : analysis,
        order === 'receiver first' ? frontSetup : analysisSetup,
      );
      const [sender, receiver] = order === 'receiver first' ? [b, a] : [a, b];

      const sent = await expectExit(sender.run, 0, RUN_MS);
      const received = await expectExit(receiver.run, 0, RUN_MS);
      expectEachOnce(receivedBy(receiver.runDir), EVENTS, 'events the analysis host read');
      expect(bufferSummary(sent.stdout, 'raw').events).toBe(EVENTS);
      expect(bufferSummary(received.stdout, 'raw')).toEqual({ events: EVENTS, extras: '' });
      expect(readLog(sender.runDir, 'send')).toMatch(
        /sent 20000 events in \d+ messages to stream 'DAQ' \(run \d+\)/,
      );
      expect(readLog(receiver.runDir, 'recv')).toMatch(
        /committed 20000 events of \d+ messages; of run \d+; [\d.]+ s of CPU while receiving\n/,
      );
    },
  );

  it('shares the events of a stream between two receiving hosts, each event to one of them', async () => {
    const server = await NatsServer.start();
    const nats = { servers: server.url, stream: 'DAQ', subject: 'daq.raw' };
    const front = makeHost('front');
    const [left, right] = [makeHost('left'), makeHost('right')];
    // Small messages and slow collectors, so that both receivers get a share.
    const receivers = await Promise.all(
      [left, right].map((host) => startOn(host, writeAnalysis(host, { nats, delayMs: 0.05 }))),
    );
    for (const receiver of receivers)
      await waitForLog(receiver.run, receiver.runDir, 'recv', /waiting for a sender/);
    const sender = await startOn(
      front,
      writeFrontEnd(front, { events: EVENTS, nats: { ...nats, max_batch_events: 100 } }),
    );

    await expectExit(sender.run, 0, RUN_MS);
    await Promise.all(receivers.map((receiver) => expectExit(receiver.run, 0, RUN_MS)));
    const shares = receivers.map((receiver) => receivedBy(receiver.runDir));
    expectEachOnce(shares.flat(), EVENTS, 'events both analysis hosts read together');
    for (const [index, share] of shares.entries())
      expect(share.length, `events of receiver ${index}`).toBeGreaterThan(0);
  });

  it('sends through core NATS too (no storage): every event arrives while the receivers keep up', async () => {
    const server = await NatsServer.start();
    const nats = { servers: server.url, stream: 'FAST', subject: 'fast.raw', mode: 'core' };
    const front = makeHost('front');
    const analysis = makeHost('analysis');
    const receiver = await startOn(analysis, writeAnalysis(analysis, { nats }));
    await waitForLog(receiver.run, receiver.runDir, 'recv', /waiting for a sender/);
    const sender = await startOn(front, writeFrontEnd(front, { events: EVENTS, rateHz: 20_000, nats }));

    await expectExit(sender.run, 0, RUN_MS);
    await expectExit(receiver.run, 0, RUN_MS);
    expectEachOnce(receivedBy(receiver.runDir), EVENTS, 'events the analysis host read');
    expect(readLog(receiver.runDir, 'recv')).toMatch(/committed 20000 events/);
  });
});
