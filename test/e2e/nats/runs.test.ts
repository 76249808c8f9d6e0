import { describe, expect, it } from 'vitest';
import { expectExit, readLog, useCliRuns, waitForLog } from '../../helpers/cli.js';
import { NATS_SKIP_REASON, NatsServer, useNatsServers } from '../../helpers/nats-server.js';
import { useProcessCleanup } from '../../helpers/processes.js';
import { expectEachOnce, makeHost, receivedBy, startOn, writeAnalysis, writeFrontEnd } from './hosts.js';

useProcessCleanup();
useCliRuns();
useNatsServers();

const RUN_MS = 60_000;

describe.skipIf(NATS_SKIP_REASON !== undefined)('runs of a stream', () => {
  it('several senders and several receivers share one run; every run ends by itself', async () => {
    const server = await NatsServer.start();
    const nats = { servers: server.url, stream: 'DAQ', subject: 'daq.raw', max_batch_events: 100 };
    const [left, right] = [makeHost('left'), makeHost('right')];
    const receivers = await Promise.all(
      [left, right].map((host) => startOn(host, writeAnalysis(host, { nats, delayMs: 0.02 }))),
    );
    for (const receiver of receivers)
      await waitForLog(receiver.run, receiver.runDir, 'recv', /waiting for a sender/);

    // The first front-end sends for ten seconds, long enough for the second to join its run.
    const [frontA, frontB] = [makeHost('front-a'), makeHost('front-b')];
    const a = await startOn(frontA, writeFrontEnd(frontA, { events: 10_000, rateHz: 1000, nats }));
    const [, runId] = await waitForLog(a.run, a.runDir, 'send', /started run (\d+)/);
    const b = await startOn(frontB, writeFrontEnd(frontB, { events: 10_000, first: 10_000, nats }));
    await waitForLog(b.run, b.runDir, 'send', new RegExp(`joined run ${runId}, which a live sender started`));

    await Promise.all([a, b].map((sender) => expectExit(sender.run, 0, RUN_MS)));
    await Promise.all(receivers.map((receiver) => expectExit(receiver.run, 0, RUN_MS)));
    const shares = receivers.map((receiver) => receivedBy(receiver.runDir));
    expectEachOnce(shares.flat(), 20_000, 'events of both front-ends, read by both analysis hosts');
    for (const [index, receiver] of receivers.entries()) {
      expect(shares[index]?.length, `events of receiver ${index}`).toBeGreaterThan(0);
      expect(readLog(receiver.runDir, 'recv')).toMatch(new RegExp(`of run ${runId}; `));
    }
  });

  it("removes an ended run's leftovers when the next run starts, so that runs never mix", async () => {
    const server = await NatsServer.start();
    const nats = { servers: server.url, stream: 'DAQ', subject: 'daq.raw' };
    const front = makeHost('front');
    const first = await startOn(front, writeFrontEnd(front, { events: 100, nats }, 'first.yaml'));
    await expectExit(first.run, 0, RUN_MS);
    const next = await startOn(front, writeFrontEnd(front, { events: 50, first: 1000, nats }, 'next.yaml'));
    await expectExit(next.run, 0, RUN_MS);
    expect(readLog(next.runDir, 'send')).toMatch(
      /stream 'DAQ': removed \d+ messages that run (\d+) sent and no receiver took \(its senders sent 100 events, its receivers committed 0\)/,
    );

    const analysis = makeHost('analysis');
    const receiver = await startOn(analysis, writeAnalysis(analysis, { nats }));
    await expectExit(receiver.run, 0, RUN_MS);
    const values = receivedBy(receiver.runDir);
    expectEachOnce(
      values.map((x) => x - 1000),
      50,
      'events of the second run only (x - 1000)',
    );
    expect(readLog(receiver.runDir, 'recv')).toMatch(/has ended and left events: taking them/);
  });
});
