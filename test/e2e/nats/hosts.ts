// Two setups on one machine that play two hosts: each runs with a buffer root of its own, and
// they meet only through a nats-server. Setups are written per test (the server's port differs).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kvm } from '@nats-io/kv';
import { connect } from '@nats-io/transport-node';
import { afterEach, expect } from 'vitest';
import { displayFileName } from '../../../src/display/index.js';
import { RingBuffer } from '../../../src/index.js';
import {
  memberId,
  memberKey,
  registryBucketName,
  type MemberRole,
} from '../../../src/nats/registry-records.js';
import {
  BUFFER_ROOT,
  E2E_FIXTURES,
  isProcessOfRun,
  processesOfRun,
  startRun,
  waitForRunDir,
  type CliRun,
} from '../../helpers/cli.js';

const WORKERS = join(E2E_FIXTURES, 'nats', 'workers.mjs');
const SHM = BUFFER_ROOT.slice(0, BUFFER_ROOT.lastIndexOf('/'));

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** One "host": a directory for its setup files and a buffer root of its own. */
export interface Host {
  readonly name: string;
  readonly dir: string;
  readonly bufferRoot: string;
}

export function makeHost(name: string): Host {
  const dir = mkdtempSync(join(tmpdir(), `mimocorb2-${name}-`));
  const bufferRoot = mkdtempSync(join(SHM, `mimocorb2-test-${name}-`));
  made.push(dir, bufferRoot);
  return { name, dir, bufferRoot };
}

export type NatsConfig = Readonly<Record<string, unknown>>;

export interface FrontEndOptions {
  readonly events: number;
  readonly nats: NatsConfig;
  /** The first x (default 0): front-ends that share a stream send different numbers. */
  readonly first?: number;
  readonly rateHz?: number;
  readonly dtype?: string;
  readonly slotCount?: number;
}

/** numbers -> raw -> exporters.nats */
export function writeFrontEnd(host: Host, options: FrontEndOptions, name = 'front.yaml'): string {
  return writeSetup(host, name, {
    Buffers: {
      raw: { slot_count: options.slotCount ?? 64, data_length: 1, data_dtype: { x: options.dtype ?? 'f8' } },
    },
    Workers: {
      numbers: {
        file: WORKERS,
        function: 'numbers',
        sinks: ['raw'],
        config: {
          n: options.events,
          first: options.first ?? 0,
          ...(options.rateHz === undefined ? {} : { rate_hz: options.rateHz }),
        },
      },
      send: { function: 'exporters.nats', sources: ['raw'], config: options.nats },
    },
  });
}

export interface AnalysisOptions {
  readonly nats: NatsConfig;
  readonly dtype?: string;
  readonly receivers?: number;
  readonly delayMs?: number;
  readonly slotCount?: number;
}

/** importers.nats -> raw -> collect (which writes every x it reads to received-<i>.txt) */
export function writeAnalysis(host: Host, options: AnalysisOptions, name = 'analysis.yaml'): string {
  return writeSetup(host, name, {
    Buffers: {
      raw: { slot_count: options.slotCount ?? 64, data_length: 1, data_dtype: { x: options.dtype ?? 'f8' } },
    },
    Workers: {
      recv: {
        function: 'importers.nats',
        sinks: ['raw'],
        number_of_processes: options.receivers ?? 1,
        config: options.nats,
      },
      collect: {
        file: WORKERS,
        function: 'collect',
        sources: ['raw'],
        ...(options.delayMs === undefined ? {} : { config: { delay_ms: options.delayMs } }),
      },
    },
  });
}

function writeSetup(host: Host, name: string, setup: unknown): string {
  mkdirSync(host.dir, { recursive: true });
  const path = join(host.dir, name);
  // JSON is YAML.
  writeFileSync(path, JSON.stringify(setup, null, 2));
  return path;
}

/** `mimocorb2 run <setup> --ui none --buffer-root <the host's>` (a run that may fail to start). */
export function launchOn(host: Host, setup: string, extra: readonly string[] = []): CliRun {
  return startRun(setup, ['--ui', 'none', ...extra], host.bufferRoot);
}

/** launchOn(), once the run has started: with its run directory. */
export async function startOn(
  host: Host,
  setup: string,
  extra: readonly string[] = [],
): Promise<{ run: CliRun; runDir: string }> {
  const run = launchOn(host, setup, extra);
  return { run, runDir: await waitForRunDir(run) };
}

/** Every x the collector of a run read, in the order it read them (all its processes). */
export function receivedBy(runDir: string): number[] {
  const values: number[] = [];
  for (const file of readdirSync(runDir)
    .filter((name) => /^received-\d+\.txt$/.test(name))
    .sort()) {
    for (const line of readFileSync(join(runDir, file), 'utf8').split('\n'))
      if (line !== '') values.push(Number(line));
  }
  return values;
}

/** 0 .. n-1 */
export function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/** Asserts that `values` hold each of 0 .. n-1 exactly once. */
export function expectEachOnce(values: readonly number[], n: number, what: string): void {
  expect(values.length, `${what}: how many`).toBe(n);
  expect(
    [...values].sort((a, b) => a - b),
    what,
  ).toEqual(range(n));
}

/** The summary line of buffer `name` in a run's stdout: its event count and the rest of the line. */
export function bufferSummary(stdout: readonly string[], name: string): { events: number; extras: string } {
  const line = stdout.find((text) => new RegExp(`^\\s+${name}\\s+[\\d,]+ events`).test(text));
  expect(line, `the summary line of buffer ${name} in ${stdout.join('\n')}`).toBeDefined();
  const match = /([\d,]+) events.*?\/s(?: \(root\))?(.*)$/.exec(line as string);
  return { events: Number((match?.[1] ?? '').replaceAll(',', '')), extras: (match?.[2] ?? '').trim() };
}

/** Pids of the run's worker processes whose label (`<worker>[<index>]`) is `label`. */
export function pidsOf(run: CliRun, label: string): number[] {
  return processesOfRun(run).filter((pid) => isProcessOfRun(run, pid, label));
}

/** The buffer `name` of the (one) run on `host`, opened as another process would. */
export function openRingOn(host: Host, name: string): RingBuffer {
  const runs = readdirSync(host.bufferRoot);
  expect(runs, `buffer directories in ${host.bufferRoot}`).toHaveLength(1);
  return RingBuffer.open(join(host.bufferRoot, runs[0] as string, `${name}.mimobuf`));
}

/** The lines of a text display of the (one) run on `host`, as the TUI would show them ([] while none). */
export function displayLinesOn(host: Host, worker: string, processIndex: number, name: string): string[] {
  const [run] = readdirSync(host.bufferRoot);
  if (run === undefined) return [];
  try {
    const frame = JSON.parse(
      readFileSync(
        join(host.bufferRoot, run, 'displays', displayFileName(worker, processIndex, name)),
        'utf8',
      ),
    ) as { content?: { lines?: string[] } };
    return frame.content?.lines ?? [];
  } catch {
    return [];
  }
}

/** The operation of the registry entry a run's process wrote ('PUT'), 'DEL' once removed, or null. */
export async function registryEntryOf(
  serverUrl: string,
  stream: string,
  run: CliRun,
  member: { role: MemberRole; worker: string; processIndex: number },
): Promise<string | null> {
  const nc = await connect({ servers: serverUrl });
  try {
    const kv = await new Kvm(nc).open(registryBucketName(stream));
    const id = memberId(hostname(), run.controlPid, member.worker, member.processIndex);
    const entry = await kv.get(memberKey(member.role, id));
    return entry?.operation ?? null;
  } finally {
    await nc.close();
  }
}
