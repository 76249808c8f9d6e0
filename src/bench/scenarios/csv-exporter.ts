import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { BenchError } from '../bench-error.js';
import { checkStages, runChainWithPrebuiltExporter } from '../setup-run/prebuilt-exporter-chain.js';
import type { SetupRunResult } from '../setup-run/run-setup.js';
import type { RunContext, RunMeasurement, Scenario } from '../types.js';
import { makeChainA } from './a-chain.js';

const CSV_STEM = 'events';

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
  runOnce: (context: RunContext): Promise<RunMeasurement> =>
    runChainWithPrebuiltExporter(
      context,
      makeChainA(context.events),
      {
        function: 'exporters.csv',
        prebuilt: true,
        config: { filename: CSV_STEM, save_interval: 1 },
        sources: ['filtered'],
      },
      (result) => measureCsvRun(result, context.events),
    ),
};

function measureCsvRun(result: SetupRunResult, events: number): RunMeasurement {
  const problems: string[] = [];
  const extras = checkStages(result, events, problems);
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
