import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { workerLogPath } from '../../control/log-files.js';
import { BenchError } from '../bench-error.js';
import type { RunContext } from '../types.js';
import { CHAIN_EXPORTER, makeChainSetup, type ChainOptions, type ChainRun } from './chain.js';
import { getReportNumber, getReports, measureChain } from './chain-check.js';
import { runSetup, type SetupRunResult } from './run-setup.js';
import { writeSetupFiles, type BenchSetup } from './setup-files.js';

/** A chain cut in two after its filter: the filter's buffer crosses through NATS to a second run. */
export interface SplitChainOptions extends ChainOptions {
  /** The config of exporters.nats and importers.nats (servers is added). */
  readonly nats: Readonly<Record<string, unknown>>;
}

const SENDER = 'send';
const RECEIVER = 'recv';
/** The problems a run in core mode may have without a fault: events missing, and so out of order. */
const CORE_LOSS = [
  /^buffer 'received' carried/,
  /^the exporter received \d+ events, expected/,
  /events out of order$/,
];

function isCoreLoss(problem: string): boolean {
  return CORE_LOSS.some((pattern) => pattern.test(problem));
}

/** The buffer of the receiving run (the sending run's are raw and filtered). */
const RECEIVED = 'received';
const POLL_MS = 20;

/**
 * The two setups: importer -> raw -> filter -> filtered -> exporters.nats, and importers.nats ->
 * received -> exporter, with the same buffers as the whole chain.
 */
function makeSplitSetups(options: SplitChainOptions, server: string) {
  const { setup, expectation } = makeChainSetup(options);
  const { exporter: checker, ...front } = setup.workers;
  const last = expectation.buffers[expectation.buffers.length - 1] as string;
  const nats = { servers: server, ...options.nats };
  const buffer = setup.buffers[last];
  if (checker === undefined || buffer === undefined) throw new BenchError('the chain has no exporter');
  const sending: BenchSetup = {
    buffers: setup.buffers,
    workers: {
      ...front,
      [SENDER]: { function: 'exporters.nats', prebuilt: true, sources: [last], config: nats },
    },
  };
  const receiving: BenchSetup = {
    buffers: { [RECEIVED]: buffer },
    workers: {
      [RECEIVER]: { function: 'importers.nats', prebuilt: true, sinks: [RECEIVED], config: nats },
      [expectation.exporter]: { ...checker, sources: [RECEIVED] },
    },
  };
  return {
    sending,
    receiving,
    expectation: { ...expectation, buffers: [...expectation.buffers, RECEIVED] },
  };
}

/** The text of a worker's log in the one run directory under `targetDir` ('' until there is one). */
function readRunLog(targetDir: string, worker: string): string {
  if (!existsSync(targetDir)) return '';
  const [run] = readdirSync(targetDir).filter((name) => name.startsWith('run_'));
  if (run === undefined) return '';
  try {
    return readFileSync(workerLogPath(join(targetDir, run, 'logs'), worker), 'utf8');
  } catch {
    return '';
  }
}

/** Waits until the receiving run's importer waits for a sender (so the clock starts with both there). */
async function untilReceiverWaits(
  targetDir: string,
  receiving: Promise<unknown>,
  deadlineMs: number,
): Promise<void> {
  let hasEnded = false;
  void receiving.then(
    () => (hasEnded = true),
    () => (hasEnded = true),
  );
  const start = performance.now();
  while (!/waiting for a sender/.test(readRunLog(targetDir, RECEIVER))) {
    if (hasEnded) {
      await receiving;
      throw new BenchError('the receiving run ended before it waited for a sender');
    }
    if (performance.now() - start > deadlineMs)
      throw new BenchError(
        `the receiving run did not wait for a sender within ${deadlineMs / 1000} s; its log: ${readRunLog(targetDir, RECEIVER).slice(-500)}`,
      );
    await delay(POLL_MS);
  }
}

/**
 * What the NATS workers logged at their end: the messages sent, and the CPU each used while the
 * data flowed (`sent <n> events in <m> messages ...; <s> s of CPU while sending`).
 */
function natsFigures(sendTarget: string, receiveTarget: string, events: number): Record<string, number> {
  const figures: Record<string, number> = {};
  const sent = /sent \d+ events in (\d+) messages.*; ([\d.]+) s of CPU while sending/.exec(
    readRunLog(sendTarget, SENDER),
  );
  if (sent !== null) {
    figures['messages'] = Number(sent[1]);
    figures['events_per_message'] = events / Number(sent[1]);
    figures[`${SENDER}_cpu_us_per_event`] = (Number(sent[2]) * 1e6) / events;
  }
  const received = /([\d.]+) s of CPU while receiving/.exec(readRunLog(receiveTarget, RECEIVER));
  if (received !== null) figures[`${RECEIVER}_cpu_us_per_event`] = (Number(received[1]) * 1e6) / events;
  return figures;
}

/**
 * Runs the split chain through two `mimocorb2 run`s and a nats-server of its own: the receiving
 * run first, the sending run once the receiver waits for it. Checked and timed as one chain, from
 * the commit of counter 0 in the sending run to the arrival of the last event in the receiving
 * one (events keep their metadata across the stream).
 */
export async function runSplitChain(context: RunContext, options: SplitChainOptions): Promise<ChainRun> {
  const server = await context.startNatsServer();
  const dir = context.makeScratchDir();
  try {
    const { sending, receiving, expectation } = makeSplitSetups(options, server.url);
    const sendFile = writeSetupFiles(dir.path, sending, 'send.yaml');
    const receiveFile = writeSetupFiles(dir.path, receiving, 'receive.yaml');
    const sendTarget = join(dir.path, 'send-target');
    const receiveTarget = join(dir.path, 'receive-target');
    const received = runSetup(
      context.runChildren,
      receiveFile,
      receiveTarget,
      Object.keys(receiving.workers),
    );
    received.catch(() => undefined);
    await untilReceiverWaits(receiveTarget, received, context.deadlineMs);
    const sent = runSetup(context.runChildren, sendFile, sendTarget, Object.keys(sending.workers));
    const [receiveResult, sendResult] = await Promise.all([received, sent]);
    const result: SetupRunResult = {
      runDir: receiveResult.runDir,
      cliPid: receiveResult.cliPid,
      bufferEvents: new Map([...sendResult.bufferEvents, ...receiveResult.bufferEvents]),
      reports: new Map([...sendResult.reports, ...receiveResult.reports]),
    };
    const measurement = measureChain(result, expectation);
    const extras = { ...measurement.extras, ...natsFigures(sendTarget, receiveTarget, options.events) };
    if (options.nats['mode'] !== 'core') return { measurement: { ...measurement, extras }, result };
    // Core NATS may drop events when a receiver falls behind: counted, not a fault of the run.
    const arrived = getReportNumber(CHAIN_EXPORTER, getReports(result, CHAIN_EXPORTER)[0], 'received');
    const problems = (measurement.problems ?? []).filter((problem) => !isCoreLoss(problem));
    return {
      measurement: {
        ...measurement,
        problems,
        extras: { ...extras, lost_events: options.events - arrived },
      },
      result,
    };
  } finally {
    dir.remove();
    server.stop();
  }
}
