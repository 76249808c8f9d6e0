// examples/multi-host as its README runs it, on one machine: a nats-server (here one of the
// test's, on a free port), two analysis runs with buffer roots of their own, then the front-end.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectExit, REPO_ROOT, useCliRuns, waitForLog } from '../../helpers/cli.js';
import { NATS_SKIP_REASON, NatsServer, useNatsServers } from '../../helpers/nats-server.js';
import { useProcessCleanup } from '../../helpers/processes.js';
import { bufferOf, parseSummary } from '../run-output.js';
import { makeHost, startOn } from './hosts.js';

useProcessCleanup();
useCliRuns();
useNatsServers();

const RUN_MS = 90_000;

describe.skipIf(NATS_SKIP_REASON !== undefined)('examples/multi-host', () => {
  it('runs the front-end and two analysis hosts to their ends; the analyses share every trace', async () => {
    const server = await NatsServer.start({ user: 'daq', password: 'change-me' });
    // A copy whose nats.yaml points at the test's server; the workers stay those of examples/simple.
    const copy = makeHost('example');
    cpSync(join(REPO_ROOT, 'examples'), join(copy.dir, 'examples'), {
      recursive: true,
      filter: (path) => !path.endsWith('/target'),
    });
    const example = join(copy.dir, 'examples', 'multi-host');
    const natsYaml = join(example, 'nats.yaml');
    writeFileSync(natsYaml, readFileSync(natsYaml, 'utf8').replace('nats://127.0.0.1:4222', server.url));

    const analyses = [];
    for (const name of ['analysis1', 'analysis2']) {
      const analysis = await startOn(makeHost(name), join(example, 'analysis.yaml'));
      await waitForLog(analysis.run, analysis.runDir, 'receive', /waiting for a sender on stream 'DAQ'/);
      analyses.push(analysis);
    }
    const front = await startOn(makeHost('front'), join(example, 'front-end.yaml'));
    const frontSummary = parseSummary((await expectExit(front.run, 0, RUN_MS)).stdout);
    const filtered = bufferOf(frontSummary, 'filtered_osc').events;
    expect(bufferOf(frontSummary, 'raw_osc').events).toBe(50_000);

    const heights = [];
    for (const analysis of analyses) {
      const summary = parseSummary((await expectExit(analysis.run, 0, RUN_MS)).stdout);
      expect(summary.workers.get('receive')).toBe('ok');
      expect(bufferOf(summary, 'filtered_osc').events).toBe(bufferOf(summary, 'pulse_heights').events);
      heights.push(bufferOf(summary, 'pulse_heights').events);
    }
    expect(heights[0]! + heights[1]!, `pulse heights of both analysis hosts: ${heights.join(' + ')}`).toBe(
      filtered,
    );
  });
});
