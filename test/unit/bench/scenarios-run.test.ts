// The scenarios end to end with few events: real `node dist/cli.js run` processes, the generated
// worker module, the reference probes' children. Needs `npm run build` (npm test builds first).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { CleanupRegistry } from '../../../src/bench/cleanup.js';
import { makeRunContext } from '../../../src/bench/run-context.js';
import { SCENARIOS } from '../../../src/bench/registry.js';
import { INSTRUCTIONS_VARIABLE } from '../../../src/bench/perf/perf-window.js';
import { setUpInstructionCounter } from '../../../src/bench/perf/instruction-counter.js';
import { getScratchRoot } from '../../../src/bench/scratch-dir.js';
import { makeSweepPoints } from '../../../src/bench/sweep/sweep-points.js';
import type { RunContext, RunMeasurement } from '../../../src/bench/types.js';

const RUN_DEADLINE_MS = 60_000;
const BUFFER_ROOT = `/dev/shm/mimocorb2-${process.getuid?.() ?? 0}`;
let cleanup = new CleanupRegistry();
const cliPids: number[] = [];

function makeContext(events: number, deadlineMs = RUN_DEADLINE_MS): RunContext {
  const context = makeRunContext(events, deadlineMs, cleanup);
  return {
    ...context,
    runChildren: async (specs) => {
      const outcomes = await context.runChildren(specs);
      for (const outcome of outcomes) if (outcome.name === 'mimocorb2 run') cliPids.push(outcome.pid);
      return outcomes;
    },
  };
}

async function runScenario(
  name: string,
  events: number,
  deadlineMs = RUN_DEADLINE_MS,
): Promise<RunMeasurement> {
  const scenario = SCENARIOS.find((s) => s.name === name);
  if (scenario === undefined) throw new Error(`no scenario ${name}`);
  return scenario.runOnce(makeContext(events, deadlineMs));
}

afterEach(() => {
  const errors = cleanup.runAll();
  cleanup = new CleanupRegistry();
  expect(errors).toEqual([]);
  const ours = readdirSync(getScratchRoot()).filter((n) => n.startsWith(`mimocorb2-bench-${process.pid}-`));
  expect(ours, 'scratch directories left behind').toEqual([]);
  const buffers = existsSync(BUFFER_ROOT) ? readdirSync(BUFFER_ROOT) : [];
  const left = buffers.filter((n) => cliPids.some((pid) => n.endsWith(`_${pid}`)));
  expect(left, 'buffer directories of our runs left behind').toEqual([]);
});

function expectClean(measurement: RunMeasurement, events: number): void {
  expect(measurement.problems).toEqual([]);
  expect(measurement.events).toBe(events);
  expect(measurement.seconds).toBeGreaterThan(0);
}

describe('the CLI scenarios', () => {
  it('E runs A with an oscilloscope through the CLI and checks every event', async () => {
    const measurement = await runScenario('E', 3000);
    expectClean(measurement, 3000);
    expect(measurement.extras?.['observer_copies']).toBeGreaterThanOrEqual(1);
    expect(measurement.extras?.['filter_cpu_us_per_event']).toBeGreaterThan(0);
  }, 90_000);

  it('O runs B with observers.oscilloscope through the CLI and checks every event', async () => {
    const measurement = await runScenario('O', 300);
    expectClean(measurement, 300);
    expect(measurement.extras?.['observer_cpu_ms']).toBeGreaterThan(0);
  }, 90_000);

  it('C runs the filter on 2 processes and gets each event exactly once', async () => {
    expectClean(await runScenario('C', 3000), 3000);
  }, 90_000);

  it('B fills 68 kB events in place and checks their values', async () => {
    expectClean(await runScenario('B', 300), 300);
  }, 90_000);

  it('CSV runs A with exporters.csv and finds every event once in the file', async () => {
    const measurement = await runScenario('CSV', 3000);
    expectClean(measurement, 3000);
    expect(measurement.extras?.['importer_cpu_us_per_event']).toBeGreaterThan(0);
  }, 90_000);

  it('F paces the importer and reports latencies corrected for the clocks', async () => {
    const measurement = await runScenario('F', 1000);
    expectClean(measurement, 1000);
    const extras = measurement.extras ?? {};
    expect(extras['latency_p50_ms']).toBeGreaterThan(0);
    expect(extras['latency_p50_ms']).toBeLessThanOrEqual(extras['latency_max_ms'] ?? 0);
    expect(Math.abs(extras['clock_skew_ms'] ?? Infinity)).toBeLessThan(1);
    expect(extras['achieved_rate_hz']).toBeGreaterThan(100);
  }, 90_000);

  it('MIMO records the events of A with data.export and checks the file', async () => {
    const measurement = await runScenario('MIMO', 3000);
    expectClean(measurement, 3000);
    expect(measurement.extras?.['record_bytes']).toBe(64);
  }, 90_000);

  it('MIMO-B records 68 kB events with data.export and gives GB/s', async () => {
    const measurement = await runScenario('MIMO-B', 300);
    expectClean(measurement, 300);
    expect(measurement.extras?.['gb_per_s']).toBeGreaterThan(0);
  }, 90_000);

  it('RP streams waveforms from a simulated Red Pitaya and checks each one', async () => {
    const measurement = await runScenario('RP', 300);
    expectClean(measurement, 300);
    expect(measurement.extras?.['mb_per_s']).toBeGreaterThan(0);
  }, 90_000);
});

describe('the reference probes', () => {
  it('ref-fifo-3proc passes every token through the middle process', async () => {
    const measurement = await runScenario('ref-fifo-3proc', 5000);
    expect(measurement.events).toBe(5000);
    expect(measurement.extras?.['middle_cpu_s']).toBeGreaterThan(0);
  }, 30_000);

  it('ref-fifo-2proc writes one token per write, ref-fifo-2proc-batched 64', async () => {
    const plain = await runScenario('ref-fifo-2proc', 6400);
    const batched = await runScenario('ref-fifo-2proc-batched', 6400);
    expect(plain.extras?.['writer_syscalls_per_event']).toBeGreaterThanOrEqual(1);
    // 100 writes of 64 tokens, the end token and a few reads of the process itself.
    expect(batched.extras?.['writer_syscalls_per_event']).toBeLessThan(0.05);
    expect(batched.extras?.['syscalls_per_event']).toBeGreaterThan(0);
  }, 30_000);

  it('a hops sweep point runs importer -> 2 filters -> exporter, and its probe 2 middles', async () => {
    const point = makeSweepPoints('hops', 2000)[2];
    if (point === undefined) throw new Error('no third hops point');
    const measurement = await point.scenario.runOnce(makeContext(2000));
    expectClean(measurement, 2000);
    expect(measurement.extras?.['filter2_cpu_us_per_event']).toBeGreaterThan(0);
    expect(measurement.extras?.['importer_syscalls_per_event']).toBeGreaterThan(0);
    const probe = await point.probes[0]?.scenario.runOnce(makeContext(2000));
    expect(probe?.extras?.['middle2_cpu_s']).toBeGreaterThan(0);
  }, 60_000);

  it("ref-memcpy-68k gives copies per second and GB/s, CPU per event of B's fill, copy and check, and B's floor", async () => {
    const measurement = await runScenario('ref-memcpy-68k', 500);
    expect(measurement.events / measurement.seconds).toBeGreaterThan(0);
    expect(measurement.extras?.['gb_per_s']).toBeGreaterThan(0);
    for (const key of ['fill_cpu_us_per_event', 'copy_cpu_us_per_event', 'check_cpu_us_per_event'])
      expect(measurement.extras?.[key], key).toBeGreaterThanOrEqual(0);
    // The floor's exporter fails the run unless every event arrived once, in order, unaltered.
    for (const process of ['importer', 'filter', 'exporter'])
      expect(measurement.extras?.[`floor_${process}_cpu_us_per_event`], process).toBeGreaterThan(0);
    expect(measurement.extras?.['floor_events_per_s']).toBeGreaterThan(0);
    expect(measurement.extras?.['floor_share']).toBeLessThan(1);
  }, 30_000);

  it('ref-fifo-latency measures a bare pipe at the pace of F', async () => {
    const measurement = await runScenario('ref-fifo-latency', 500);
    expect(measurement.extras?.['latency_p99_ms']).toBeGreaterThan(0);
  }, 30_000);

  it('peaks times findPeaks per waveform', async () => {
    const measurement = await runScenario('peaks', 50);
    expect(measurement.events).toBe(50);
    expect(measurement.extras?.['us_per_waveform']).toBeGreaterThan(0);
    expect(measurement.extras?.['peaks_found']).toBeGreaterThan(50);
  }, 30_000);

  it.skipIf(SCENARIOS.find((s) => s.name === 'ref-scipy-peaks')?.unavailable?.() !== undefined)(
    'ref-scipy-peaks finds the same peaks with scipy on the same waveforms',
    async () => {
      const [ours, scipy] = [await runScenario('peaks', 50), await runScenario('ref-scipy-peaks', 50)];
      expect(scipy.events).toBe(50);
      expect(scipy.extras?.['peaks_found']).toBe(ours.extras?.['peaks_found']);
    },
    30_000,
  );
});

describe('the web scenario', () => {
  it('W runs A with its web server, two pages taking every update and a /metrics scraper, and checks every event', async () => {
    // Long enough (about 2 s on a quiet machine) for the pages and the scraper to connect once the
    // web server listens: 3000 events were over before they did.
    const events = 1_000_000;
    const measurement = await runScenario('W', events);
    expectClean(measurement, events);
    expect(
      measurement.extras?.['page_events'],
      'server-sent events the two pages took',
    ).toBeGreaterThanOrEqual(2);
    expect(measurement.extras?.['metrics_scrapes'], 'answered scrapes of /metrics').toBeGreaterThanOrEqual(1);
  }, 90_000);
});

const hasTmux = spawnSync('tmux', ['-V']).status === 0;

describe.skipIf(!hasTmux)('the TUI scenario', () => {
  it('T runs A with the terminal UI in tmux, quits it after the run and checks every event', async () => {
    const measurement = await runScenario('T', 3000);
    expectClean(measurement, 3000);
    expect(measurement.extras?.['filter_cpu_us_per_event']).toBeGreaterThan(0);
    const servers = spawnSync('tmux', ['-L', `mimocorb2-bench-${process.pid}`, 'list-sessions']);
    expect(servers.status, 'the tmux server is still running after the run').not.toBe(0);
  }, 90_000);
});

const natsUnavailable = SCENARIOS.find((s) => s.name === 'N')?.unavailable?.();
if (natsUnavailable !== undefined)
  process.stderr.write(`skipping the NATS bench scenarios: ${natsUnavailable}\n`);

describe.skipIf(natsUnavailable !== undefined)('the NATS scenarios', () => {
  it('N splits A across two runs over a nats-server of its own and checks every event', async () => {
    const measurement = await runScenario('N', 3000);
    expectClean(measurement, 3000);
    const extras = measurement.extras ?? {};
    expect(extras['messages']).toBeGreaterThan(0);
    expect(extras['send_cpu_us_per_event']).toBeGreaterThan(0);
    expect(extras['recv_cpu_us_per_event']).toBeGreaterThan(0);
  }, 90_000);

  it('N-68k-core sends 68 kB events through core NATS', async () => {
    expectClean(await runScenario('N-68k-core', 200), 200);
  }, 90_000);

  it.each(['ref-nats-68k', 'ref-nats-68k-core'])(
    '%s moves the same messages with the NATS client alone',
    async (name) => {
      const measurement = await runScenario(name, 200);
      expect(measurement.problems).toEqual([]);
      expect(measurement.events).toBeGreaterThanOrEqual(200);
      expect(measurement.extras?.['mb_per_s']).toBeGreaterThan(0);
    },
    60_000,
  );
});

const hasPerf = spawnSync('perf', ['--version']).error === undefined;

describe('with --instructions (perf stat in every measuring process)', () => {
  if (!hasPerf)
    console.log('skipped the scenarios with --instructions: perf not installed (Debian: linux-perf)');

  it.skipIf(!hasPerf)(
    'C and D report task-clock per event of each worker and child',
    async () => {
      process.env[INSTRUCTIONS_VARIABLE] = '1';
      try {
        const chain = await runScenario('C', 3000);
        expectClean(chain, 3000);
        for (const worker of ['importer', 'filter', 'exporter'])
          expect(chain.extras?.[`${worker}_task_clock_ms_per_event`], worker).toBeGreaterThan(0);
        const d = await runScenario('D', 3000);
        expect(d.extras?.['writer_task_clock_ms_per_event']).toBeGreaterThan(0);
        expect(d.extras?.['reader_task_clock_ms_per_event']).toBeGreaterThan(0);
        expect(d.extras?.['task_clock_ms_per_event']).toBeGreaterThan(0);
      } finally {
        delete process.env[INSTRUCTIONS_VARIABLE];
      }
    },
    90_000,
  );
});

const hasValgrind = spawnSync('valgrind', ['--version']).error === undefined;

describe('with --instructions=callgrind (every measuring process under valgrind)', () => {
  if (!hasValgrind)
    console.log(
      'skipped the scenarios with --instructions=callgrind: valgrind not installed (Debian: valgrind)',
    );

  it.skipIf(!hasValgrind)(
    "C's workers and D's children report instructions per event",
    async () => {
      const tearDown = setUpInstructionCounter('callgrind', () => undefined);
      try {
        // Workers start under valgrind in 10-20 s each, two cores for three or four of them.
        const chain = await runScenario('C', 2000, 180_000);
        expectClean(chain, 2000);
        for (const worker of ['importer', 'filter', 'exporter'])
          expect(chain.extras?.[`${worker}_instructions_per_event`], worker).toBeGreaterThan(100);
        const d = await runScenario('D', 2000, 180_000);
        expect(d.extras?.['writer_instructions_per_event']).toBeGreaterThan(100);
        expect(d.extras?.['reader_instructions_per_event']).toBeGreaterThan(100);
      } finally {
        tearDown();
      }
    },
    400_000,
  );
});
