import { describe, expect, it } from 'vitest';
import { expectExit, targetDirEntries, useCliRuns, waitForLog } from '../../helpers/cli.js';
import { NATS_SKIP_REASON, NatsServer, useNatsServers } from '../../helpers/nats-server.js';
import { useProcessCleanup } from '../../helpers/processes.js';
import {
  expectEachOnce,
  launchOn,
  makeHost,
  receivedBy,
  registryEntryOf,
  startOn,
  writeAnalysis,
  writeFrontEnd,
} from './hosts.js';

useProcessCleanup();
useCliRuns();
useNatsServers();

const RUN_MS = 60_000;

/** A port on which nothing listens: a server started and stopped again. */
async function deadPort(): Promise<number> {
  const server = await NatsServer.start();
  await server.stop();
  return server.port;
}

describe.skipIf(NATS_SKIP_REASON !== undefined)('exporters.nats and importers.nats refuse', () => {
  it('a sender whose buffer has another dtype than the stream (exit 2 before the start)', async () => {
    const server = await NatsServer.start();
    const nats = { servers: server.url, stream: 'DAQ', subject: 'daq.raw' };
    const analysis = makeHost('analysis');
    const front = makeHost('front');
    const receiver = await startOn(analysis, writeAnalysis(analysis, { nats }));
    await waitForLog(receiver.run, receiver.runDir, 'recv', /waiting for a sender/);

    const run = launchOn(front, writeFrontEnd(front, { events: 100, nats, dtype: 'i4' }));
    const result = await expectExit(run, 2, RUN_MS);
    expect(result.stderr).toContain("worker 'send' process 0 (pid ");
    expect(result.stderr).toContain(
      "failed to start while setting up (its config, buffers and template): stream 'DAQ' carries events of data_length 1, " +
        "data_dtype {x: <f8}, but buffer 'raw' here has data_length 1, data_dtype {x: <i4}: give the buffers on " +
        'both hosts the same data_length and data_dtype, or use another stream',
    );
    expect(targetDirEntries(run)).toEqual([]);
    // The refused sender's registry entry is gone: nobody waits for it.
    const entry = await registryEntryOf(server.url, 'DAQ', run, {
      role: 'sender',
      worker: 'send',
      processIndex: 0,
    });
    expect(entry, 'the registry entry of the refused sender').not.toBe('PUT');

    // The waiting receiver is not disturbed: a sender with the right layout is served.
    const good = await startOn(front, writeFrontEnd(front, { events: 100, nats }, 'good.yaml'));
    await expectExit(good.run, 0, RUN_MS);
    await expectExit(receiver.run, 0, RUN_MS);
    expectEachOnce(receivedBy(receiver.runDir), 100, 'events of the right sender');
  });

  it('a receiver whose buffer has another dtype than the stream (exit 2 before the start)', async () => {
    const server = await NatsServer.start();
    const nats = { servers: server.url, stream: 'DAQ', subject: 'daq.raw' };
    const front = makeHost('front');
    const analysis = makeHost('analysis');
    const sender = await startOn(front, writeFrontEnd(front, { events: 100, nats }));
    await expectExit(sender.run, 0, RUN_MS);

    const run = launchOn(analysis, writeAnalysis(analysis, { nats, dtype: 'f4' }));
    const result = await expectExit(run, 2, RUN_MS);
    expect(result.stderr).toContain(
      "stream 'DAQ' carries events of data_length 1, data_dtype {x: <f8}, but buffer 'raw' here has " +
        'data_length 1, data_dtype {x: <f4}',
    );
  });

  it('a layout found only once the run has started (connect_retry): exit 1 with the same message', async () => {
    const server = await NatsServer.start();
    const nats = { servers: server.url, stream: 'DAQ', subject: 'daq.raw' };
    const front = makeHost('front');
    const analysis = makeHost('analysis');
    const sender = await startOn(front, writeFrontEnd(front, { events: 100, nats }));
    await expectExit(sender.run, 0, RUN_MS);

    const { run } = await startOn(
      analysis,
      writeAnalysis(analysis, { nats: { ...nats, connect_retry: 5 }, dtype: 'f4' }),
    );
    const result = await expectExit(run, 1, RUN_MS);
    // Seen once under load: exit 1 with nothing on stderr; then stdout says which worker failed.
    expect(result.stderr, `stdout:\n${result.stdout.join('\n')}`).toContain(
      "stream 'DAQ' carries events of data_length 1, data_dtype {x: <f8}, but buffer 'raw' here has " +
        'data_length 1, data_dtype {x: <f4}',
    );
  });

  it('a wrong password, naming the server (exit 2)', async () => {
    const server = await NatsServer.start({ user: 'daq', password: 'right' });
    const front = makeHost('front');
    const nats = { servers: server.url, stream: 'DAQ', user: 'daq', password: 'wrong' };
    const run = launchOn(front, writeFrontEnd(front, { events: 10, nats }));
    const result = await expectExit(run, 2, RUN_MS);
    expect(result.stderr).toContain(
      `nats-server ${server.url} refused user 'daq' and its password: authorization violation`,
    );
    expect(targetDirEntries(run)).toEqual([]);
  });

  it('a server that is not there, naming it (exit 2)', async () => {
    const port = await deadPort();
    const analysis = makeHost('analysis');
    const nats = { servers: `nats://127.0.0.1:${port}`, stream: 'DAQ' };
    const run = launchOn(analysis, writeAnalysis(analysis, { nats }));
    const result = await expectExit(run, 2, RUN_MS);
    expect(result.stderr).toContain(
      `cannot reach nats-server nats://127.0.0.1:${port} (connection refused: is nats-server running there, on that port?)`,
    );
  });

  it('a server that stays away for connect_retry seconds (exit 1, after trying again with back-off)', async () => {
    const port = await deadPort();
    const analysis = makeHost('analysis');
    const nats = { servers: `nats://127.0.0.1:${port}`, stream: 'DAQ', connect_retry: 2 };
    const { run, runDir } = await startOn(analysis, writeAnalysis(analysis, { nats }));
    await waitForLog(run, runDir, 'recv', /trying again in 0\.25 s \(connect_retry 2 s\)/);
    const result = await expectExit(run, 1, RUN_MS);
    expect(result.stderr).toMatch(
      new RegExp(
        `cannot reach nats-server nats://127.0.0.1:${port} \\(connection refused.*\\) \\(tried \\d+ times in 2 s\\)`,
      ),
    );
  });

  it('nothing, when the server comes within connect_retry seconds', async () => {
    const server = await NatsServer.start();
    const port = server.port;
    await server.stop();
    const nats = { servers: `nats://127.0.0.1:${port}`, stream: 'DAQ', connect_retry: 30 };
    const analysis = makeHost('analysis');
    const front = makeHost('front');
    const receiver = await startOn(analysis, writeAnalysis(analysis, { nats }));
    await waitForLog(receiver.run, receiver.runDir, 'recv', /cannot reach nats-server .*; trying again/);
    await server.restart();
    await waitForLog(receiver.run, receiver.runDir, 'recv', /waiting for a sender/, RUN_MS);
    const sender = await startOn(front, writeFrontEnd(front, { events: 1000, nats }));
    await expectExit(sender.run, 0, RUN_MS);
    await expectExit(receiver.run, 0, RUN_MS);
    expectEachOnce(receivedBy(receiver.runDir), 1000, 'events after a late server');
  });
});
