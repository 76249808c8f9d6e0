import { join } from 'node:path';
import type { RunContext } from '../types.js';
import { makeChainSetup, type ChainOptions } from './chain.js';
import { getReportNumber, getReports } from './chain-check.js';
import { runSetup, type SetupRunResult } from './run-setup.js';
import { writeSetupFiles, type BenchWorker } from './setup-files.js';

/** The bench workers before a prebuilt exporter: they report what they handled. */
const STAGES = ['importer', 'filter'] as const;

/** A chain whose exporter is a prebuilt function (its setup entry), run through the CLI and measured. */
export async function runChainWithPrebuiltExporter<T>(
  context: RunContext,
  chain: ChainOptions,
  exporter: BenchWorker,
  measure: (result: SetupRunResult) => T,
): Promise<T> {
  const { setup } = makeChainSetup(chain);
  const dir = context.makeScratchDir();
  try {
    const setupFile = writeSetupFiles(dir.path, {
      buffers: setup.buffers,
      workers: { ...setup.workers, exporter },
    });
    return measure(await runSetup(context.runChildren, setupFile, join(dir.path, 'target'), STAGES));
  } finally {
    dir.remove();
  }
}

/**
 * Each stage before the exporter must have handled every event: a problem otherwise. Returns
 * their CPU µs per event as extras (`importer_cpu_us_per_event`, ...).
 */
export function checkStages(
  result: SetupRunResult,
  events: number,
  problems: string[],
): Record<string, number> {
  const extras: Record<string, number> = {};
  for (const worker of STAGES) {
    const report = getReports(result, worker)[0];
    const handled = getReportNumber(worker, report, 'events');
    if (handled !== events) problems.push(`worker '${worker}' handled ${handled} events, expected ${events}`);
    extras[`${worker}_cpu_us_per_event`] = (getReportNumber(worker, report, 'cpu_s') * 1e6) / events;
  }
  return extras;
}
