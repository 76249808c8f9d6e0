// `--sweep memory`: A's chain with two buffers of 1 GiB (1024 slots x 1 MiB) through the real CLI,
// every process's resident and proportional memory sampled while it runs: the data lives in the
// shared mappings (RssShmem, split among the processes in Pss), not in each process's heap.
import { join } from 'node:path';
import type { BenchOptions } from '../args.js';
import type { CleanupRegistry } from '../cleanup.js';
import { getLoadAverage } from '../machine.js';
import { makeRunContext } from '../run-context.js';
import { makeChainA } from '../scenarios/a-chain.js';
import { makeChainSetup } from '../setup-run/chain.js';
import { measureChain } from '../setup-run/chain-check.js';
import { runSetup } from '../setup-run/run-setup.js';
import { writeSetupFiles } from '../setup-run/setup-files.js';
import { roundTo } from '../stats.js';
import {
  findRunProcesses,
  listProcesses,
  maxMemory,
  readProcessMemory,
  type ProcessMemory,
} from './process-memory.js';
import type { SweepOutput } from './run-sweep.js';

const SLOTS = 1024;
const EVENT_BYTES = 2 ** 20;
/** Every slot of both buffers is written 4 times over. */
const DEFAULT_EVENTS = 4 * SLOTS;
const SAMPLE_MS = 100;

/** A process's peak figures over the run, in MiB. */
export interface ProcessMemoryRecord {
  readonly sweep: 'memory';
  readonly process: string;
  readonly rss_mib: number;
  readonly rss_anon_mib: number;
  readonly rss_shmem_mib: number;
  readonly rss_file_mib: number;
  readonly pss_mib?: number;
  readonly pss_shmem_mib?: number;
}

const mib = (kib: number) => roundTo(kib / 1024, 4);

/** The JSON line of one process's peaks. */
export function makeMemoryRecord(name: string, memory: ProcessMemory): ProcessMemoryRecord {
  return {
    sweep: 'memory',
    process: name,
    rss_mib: mib(memory.rssKiB),
    rss_anon_mib: mib(memory.rssAnonKiB),
    rss_shmem_mib: mib(memory.rssShmemKiB),
    rss_file_mib: mib(memory.rssFileKiB),
    ...(memory.pssKiB === undefined ? {} : { pss_mib: mib(memory.pssKiB) }),
    ...(memory.pssShmemKiB === undefined ? {} : { pss_shmem_mib: mib(memory.pssShmemKiB) }),
  };
}

function formatMemoryTable(records: readonly ProcessMemoryRecord[]): string {
  const header = ['process', 'RSS MiB', 'anon', 'shmem', 'file', 'PSS MiB', 'PSS shmem'];
  const rows = records.map((r) => [
    r.process,
    ...[r.rss_mib, r.rss_anon_mib, r.rss_shmem_mib, r.rss_file_mib, r.pss_mib, r.pss_shmem_mib].map((v) =>
      v === undefined ? '-' : v.toFixed(1),
    ),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

/** Runs the memory look once; false if the run failed or lost events. */
export async function runMemorySweep(
  options: BenchOptions,
  cleanup: CleanupRegistry,
  output: SweepOutput,
): Promise<boolean> {
  const events = options.events ?? DEFAULT_EVENTS;
  const context = makeRunContext(events, options.timeoutSeconds * 1000, cleanup);
  const chain = { ...makeChainA(events), dataLength: EVENT_BYTES / 8, slotCount: SLOTS };
  const { setup, expectation } = makeChainSetup(chain);
  const loadavg1m = getLoadAverage();
  const dir = context.makeScratchDir();
  const peaks = new Map<number, { name: string; memory: ProcessMemory }>();
  try {
    const setupFile = writeSetupFiles(dir.path, setup);
    const sample = (): void => {
      for (const [pid, name] of findRunProcesses(listProcesses(), setupFile)) {
        const memory = readProcessMemory(pid);
        if (memory !== undefined) peaks.set(pid, { name, memory: maxMemory(peaks.get(pid)?.memory, memory) });
      }
    };
    const timer = setInterval(sample, SAMPLE_MS);
    let result;
    try {
      result = await runSetup(
        context.runChildren,
        setupFile,
        join(dir.path, 'target'),
        Object.keys(setup.workers),
      );
    } finally {
      clearInterval(timer);
    }
    const measurement = measureChain(result, expectation);
    const records = [...peaks.values()].map(({ name, memory }) => makeMemoryRecord(name, memory));
    const sum = (key: 'rss_mib' | 'pss_mib') =>
      roundTo(
        records.reduce((s, r) => s + (r[key] ?? 0), 0),
        4,
      );
    const summary = {
      sweep: 'memory',
      buffers: expectation.buffers.length,
      buffer_mib: (SLOTS * EVENT_BYTES) / 2 ** 20,
      events,
      events_per_s: Math.round(events / measurement.seconds),
      samples_ms: SAMPLE_MS,
      processes: records.length,
      total_rss_mib: sum('rss_mib'),
      total_pss_mib: sum('pss_mib'),
      lost_runs: (measurement.problems?.length ?? 0) > 0 ? 1 : 0,
      node: process.version,
      loadavg_1m: roundTo(loadavg1m, 3),
    };
    if (options.json) for (const line of [...records, summary]) output.print(JSON.stringify(line));
    else
      output.print(
        `sweep memory: A's chain, ${summary.buffers} buffers of ${SLOTS} x 1 MiB, ${events} events ` +
          `(${summary.events_per_s} events/s), peaks sampled every ${SAMPLE_MS} ms\n${formatMemoryTable(records)}\n` +
          `total RSS ${summary.total_rss_mib} MiB, total PSS ${summary.total_pss_mib} MiB\n`,
      );
    for (const problem of measurement.problems ?? []) output.printError(`bench: sweep memory: ${problem}`);
    return summary.lost_runs === 0;
  } finally {
    dir.remove();
  }
}
