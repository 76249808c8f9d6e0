import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { BenchError } from '../bench-error.js';
import { makeChainSetup } from '../setup-run/chain.js';
import { getReportNumber, getReports } from '../setup-run/chain-check.js';
import { runSetup, type SetupRunResult } from '../setup-run/run-setup.js';
import { writeSetupFiles } from '../setup-run/setup-files.js';
import type { RunContext, RunMeasurement, Scenario } from '../types.js';
import { makeChainA } from './a-chain.js';

const CSV_STEM = 'events';
const STAGES = ['importer', 'filter'] as const;

/**
 * CSV: A's chain with the prebuilt exporters.csv as its exporter (save_interval 1), run
 * interleaved with A. A run is timed from the commit of counter 0 (its timestamp in the file) to
 * the file's last change (its mtime, which the kernel keeps to a few ms); the file must hold every
 * event once, in order, with x = counter.
 */
export const chainWithCsv: Scenario = {
  name: 'CSV',
  title: 'A with exporters.csv as its exporter, vs A',
  defaultEvents: 200_000,
  reference: 'A',
  constants: { target_ratio_to_reference: 0.8 },
  runOnce: async (context: RunContext): Promise<RunMeasurement> => {
    const { setup } = makeChainSetup(makeChainA(context.events));
    const exporter = {
      function: 'exporters.csv',
      prebuilt: true,
      config: { filename: CSV_STEM, save_interval: 1 },
      sources: ['filtered'],
    };
    const dir = context.makeScratchDir();
    try {
      const setupFile = writeSetupFiles(dir.path, {
        buffers: setup.buffers,
        workers: { ...setup.workers, exporter },
      });
      const result = await runSetup(context.runChildren, setupFile, join(dir.path, 'target'), STAGES);
      return measureCsvRun(result, context.events);
    } finally {
      dir.remove();
    }
  },
};

function measureCsvRun(result: SetupRunResult, events: number): RunMeasurement {
  const problems: string[] = [];
  const extras: Record<string, number> = {};
  for (const worker of STAGES) {
    const report = getReports(result, worker)[0];
    const handled = getReportNumber(worker, report, 'events');
    if (handled !== events) problems.push(`worker '${worker}' handled ${handled} events, expected ${events}`);
    extras[`${worker}_cpu_us_per_event`] = (getReportNumber(worker, report, 'cpu_s') * 1e6) / events;
  }
  const file = join(result.runDir, `${CSV_STEM}.csv`);
  const rows = parse<Record<string, string>>(readFileSync(file), { columns: true });
  if (rows.length !== events) problems.push(`${file} has ${rows.length} rows, expected ${events}`);
  let wrong = 0;
  for (const [i, row] of rows.entries()) if (row['counter'] !== String(i) || Number(row['x']) !== i) wrong++;
  if (wrong > 0) problems.push(`${file}: ${wrong} rows out of order or with a wrong x`);
  const firstCommitS = Number(rows[0]?.['timestamp']);
  const seconds = statSync(file).mtimeMs / 1000 - firstCommitS;
  if (!(seconds > 0)) throw new BenchError(`${file} was last written ${seconds} s after the first commit`);
  return { events, seconds, extras, problems };
}
