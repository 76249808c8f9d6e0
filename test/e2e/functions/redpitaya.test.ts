// importers.redpitaya.waveform through the CLI against a simulated Red Pitaya (test/helpers/
// redpitaya-server.ts): the command words in the original's order, every waveform exact in the
// .mimo file that data.export writes, a stop while the device is quiet, and the errors a user meets.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import {
  expectExit,
  expectNothingLeft,
  readLog,
  REPO_ROOT,
  startRun,
  targetDirEntries,
  useCliRuns,
  waitForRunDir,
} from '../../helpers/cli.js';
import { useProcessCleanup, waitFor } from '../../helpers/processes.js';
import { PYTHON, PYTHON_TITLE, pythonJson } from '../../helpers/python.js';
import {
  SimulatedRedPitaya,
  type RedPitayaCommand,
  type SimulatedRedPitayaOptions,
} from '../../helpers/redpitaya-server.js';
import { bufferOf, parseSummary } from '../run-output.js';

useProcessCleanup();
useCliRuns();

const SAMPLES = 300;
const WAVEFORM_BYTES = (SAMPLES + 100) * 4;
const scratch: string[] = [];
const devices: SimulatedRedPitaya[] = [];
const listeners: ChildProcess[] = [];

afterEach(async () => {
  for (const device of devices.splice(0)) await device.close();
  for (const child of listeners.splice(0)) child.kill('SIGKILL');
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function startDevice(options: SimulatedRedPitayaOptions): Promise<SimulatedRedPitaya> {
  const device = await SimulatedRedPitaya.start(options);
  devices.push(device);
  return device;
}

/** A setup of the importer into buffer `osc` (data_length SAMPLES) and data.export of it. */
function writeSetup(config: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'mimocorb2-redpitaya-'));
  scratch.push(dir);
  const file = join(dir, 'setup.yaml');
  const setup = {
    Buffers: { osc: { slot_count: 8, data_length: SAMPLES, data_dtype: { IN1: 'int16', IN2: 'int16' } } },
    Workers: {
      rp: {
        function: 'importers.redpitaya.waveform',
        sinks: ['osc'],
        config: {
          ip: '127.0.0.1',
          sample_rate: 8,
          trigger_level: 100,
          number_of_samples_before_trigger: 50,
          ...config,
        },
      },
      save: { function: 'data.export', sources: ['osc'] },
    },
  };
  writeFileSync(file, stringify(setup));
  return file;
}

/** Command words as [code, number, value]: what the original sends for these settings. */
function words(commands: readonly RedPitayaCommand[]): [number, number, bigint][] {
  return commands.map((c) => [c.code, c.number, c.value]);
}

const CHECK_WAVEFORMS = `
import json, sys
import numpy as np
sys.path.insert(0, sys.argv[1])
import mimofile
header, metadata, data = mimofile.read(sys.argv[2])
n = header["data_length"]
i = np.arange(n)
bad = []
for w in range(len(metadata)):
    in1 = ((w * 131 + i * 7) % 8000) - 4000
    if not (np.array_equal(data["IN1"][w], in1) and np.array_equal(data["IN2"][w], -in1 - 1)):
        bad.append(w)
print(json.dumps({"events": len(metadata), "bad": bad[:5], "data_dtype": header["data_dtype"],
                  "data_length": n, "counters": metadata["counter"].tolist()}))
`;

describe('importers.redpitaya.waveform', () => {
  it.skipIf(PYTHON === undefined)(
    `sends the original's commands in order, records every waveform exactly, and stops while the device is quiet (${PYTHON_TITLE})`,
    async () => {
      // 25 waveforms in sets of 7, written in pieces that split sample pairs; then no trigger comes.
      const device = await startDevice({ waveforms: 25, pieceBytes: [1001, 3, 2, 4095, 7, 64_000] });
      const setup = writeSetup({
        port: device.port,
        negator_IN2: true,
        trigger_slope: 'falling',
        trigger_mode: 'auto',
        trigger_level: -100,
        trigger_source: 'IN2',
        set_size: 7,
      });
      const run = startRun(setup, ['--ui', 'none', '--duration', '3']);
      const runDir = await waitForRunDir(run);
      const { stdout } = await expectExit(run, 0);
      const two52 = 1n << 52n;
      expect(words(device.commands)).toEqual([
        [4, 0, 8n],
        [5, 0, 0n],
        [5, 1, 1n],
        [14, 0, 1n],
        [15, 0, 1n],
        [16, 0, two52 - 100n],
        [17, 0, 50n],
        [13, 1, 0n],
        [18, 0, BigInt(SAMPLES + 100)],
        [2, 0, 0n],
        [19, 0, 0n],
        // 7 + 7 + 7 + 4: the fourth set stays incomplete, the importer waits in it until the stop.
        [31, 0, 7n],
        [31, 0, 7n],
        [31, 0, 7n],
        [31, 0, 7n],
      ]);
      expect(parseSummary(stdout).workers.get('rp')).toBe('ok');
      expect(readLog(runDir, 'rp')).toContain(`25 waveforms from Red Pitaya at 127.0.0.1:${device.port}`);
      const report = await pythonJson<{
        events: number;
        bad: number[];
        data_dtype: Record<string, string>;
        data_length: number;
        counters: number[];
      }>(CHECK_WAVEFORMS, join(REPO_ROOT, 'scripts'), join(runDir, 'osc.mimo'));
      expect(report).toEqual({
        events: 25,
        bad: [],
        data_dtype: { IN1: '<i2', IN2: '<i2' },
        data_length: SAMPLES,
        counters: Array.from({ length: 25 }, (_, k) => k),
      });
      expectNothingLeft(run);
    },
  );

  it('a device that refuses the connection: exit 2 before the start, saying so', async () => {
    const device = await startDevice({ waveforms: 0 });
    const { port } = device;
    await device.close();
    devices.splice(0);
    const run = startRun(writeSetup({ port }));
    const { stderr } = await expectExit(run, 2);
    expect(stderr).toContain(
      `Red Pitaya at 127.0.0.1:${port} refused the connection (nothing listens on port ${port}): is the device on and its acquisition server running?`,
    );
    expectNothingLeft(run);
  });

  it('a host name that does not resolve: exit 2 before the start, naming the host', async () => {
    const run = startRun(writeSetup({ ip: 'no-such-red-pitaya.invalid' }));
    const { stderr } = await expectExit(run, 2);
    expect(stderr).toMatch(
      /host 'no-such-red-pitaya\.invalid' of the Red Pitaya not found \(the name lookup failed: E[A-Z_]+\): check the ip config and the network/,
    );
    expect(targetDirEntries(run)).toEqual([]);
    expectNothingLeft(run);
  });

  it.skipIf(PYTHON === undefined)(
    'a device that does not answer the connection: exit 2 after the timeout',
    async () => {
      // A listening socket whose queue of connections is full: the kernel drops further SYNs.
      const listener = spawn(PYTHON ?? 'python3', ['-c', FULL_LISTENER], {
        stdio: ['pipe', 'pipe', 'inherit'],
      });
      listeners.push(listener);
      let output = '';
      listener.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      await waitFor(
        () => output.includes('\n'),
        'the full listener to print its port',
        10_000,
        () => output,
      );
      const port = Number(output.trim());
      const run = startRun(writeSetup({ port, timeout: 0.5 }));
      const { stderr } = await expectExit(run, 2);
      expect(stderr).toContain(
        `Red Pitaya at 127.0.0.1:${port} did not answer the connection within 0.5 s: check that it is on and on this network, and the ip config`,
      );
      expectNothingLeft(run);
    },
  );

  it('a device that closes the connection in the middle of a waveform: exit 1, what was missing', async () => {
    const device = await startDevice({
      waveforms: 10,
      breakOff: { afterBytes: 3 * WAVEFORM_BYTES + 1000, how: 'close' },
    });
    const run = startRun(writeSetup({ port: device.port, set_size: 5 }));
    const runDir = await waitForRunDir(run);
    const { stdout } = await expectExit(run, 1);
    const failure =
      `worker 'rp': the Importer function threw after 3 events: Red Pitaya at 127.0.0.1:${device.port} ` +
      `closed the connection in the middle of waveform 4: got 1000 of its ${WAVEFORM_BYTES} bytes ` +
      `(${SAMPLES} + 100 sample pairs of IN1 and IN2)`;
    expect(parseSummary(stdout).workers.get('rp')).toBe(`failed (code 1): ${failure}`);
    expect(readLog(runDir, 'rp')).toContain(failure);
    // What came before the break is kept.
    expect(bufferOf(parseSummary(stdout), 'osc').events).toBe(3);
    expectNothingLeft(run);
  });

  it('a device that closes the connection between waveforms: exit 1, after how many', async () => {
    const device = await startDevice({
      waveforms: 10,
      breakOff: { afterBytes: 4 * WAVEFORM_BYTES, how: 'close' },
    });
    const run = startRun(writeSetup({ port: device.port, set_size: 5 }));
    const { stdout } = await expectExit(run, 1);
    expect(parseSummary(stdout).workers.get('rp')).toBe(
      `failed (code 1): worker 'rp': the Importer function threw after 4 events: Red Pitaya at 127.0.0.1:${device.port} ` +
        'closed the connection while the importer waited for waveform 5 (after 4 whole ones)',
    );
    expectNothingLeft(run);
  });

  it('a device that stalls in the middle of a waveform: exit 1 after the timeout', async () => {
    const device = await startDevice({
      waveforms: 10,
      breakOff: { afterBytes: 2 * WAVEFORM_BYTES + 402, how: 'stall' },
    });
    const run = startRun(writeSetup({ port: device.port, set_size: 5, timeout: 0.5 }));
    const { stdout } = await expectExit(run, 1);
    expect(parseSummary(stdout).workers.get('rp')).toMatch(
      new RegExp(
        `^failed \\(code 1\\): worker 'rp': the Importer function threw after 2 events: Red Pitaya at 127\\.0\\.0\\.1:${device.port} ` +
          `stalled in the middle of waveform 3: no data for 0\\.[5-9] s after 402 of its ${WAVEFORM_BYTES} bytes`,
      ),
    );
    expectNothingLeft(run);
  });
});

/** Prints the port of a listening socket whose backlog is full; lives until its stdin closes. */
const FULL_LISTENER = `
import socket, sys
server = socket.socket()
server.bind(("127.0.0.1", 0))
server.listen(0)
port = server.getsockname()[1]
fillers = []
for _ in range(3):
    client = socket.socket()
    client.setblocking(False)
    try:
        client.connect(("127.0.0.1", port))
    except BlockingIOError:
        pass
    fillers.append(client)
print(port, flush=True)
sys.stdin.read()
`;
