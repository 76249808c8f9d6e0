import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchOptions } from '../args.js';
import { getRepositoryDir } from '../child-scripts.js';
import type { CleanupRegistry } from '../cleanup.js';
import { describeMachine, getLoadAverage } from '../machine.js';
import { measureGroup } from '../measure.js';
import { listProblems } from '../report.js';
import { makeRunContext } from '../run-context.js';
import { runMemorySweep } from './memory-sweep.js';
import { makeSweepPoints, SWEEP_EVENTS, type SweepName } from './sweep-points.js';
import { renderSweepSvg } from './sweep-plot.js';
import { makeSweepRecord, type SweepRecord } from './sweep-record.js';
import { formatSweepTable } from './sweep-table.js';

/** Where the output of a sweep goes. */
export interface SweepOutput {
  readonly print: (line: string) => void;
  readonly printError: (line: string) => void;
}

/** `Intel ..., 2 cores, 24 GiB, node v20; load 1.2-3.4; 2026-12-07 13:10 UTC; median of 3 runs`. */
export function makeCaption(loads: readonly number[], runs: number, date: Date): string {
  const machine = describeMachine();
  const load =
    loads.length === 0 ? 'load ?' : `load ${Math.min(...loads).toFixed(1)}-${Math.max(...loads).toFixed(1)}`;
  return (
    `${machine.cpuModel}, ${machine.cpuCount} cores, ${machine.memoryGiB} GiB, node ${machine.node}; ` +
    `${load}; ${date.toISOString().slice(0, 16).replace('T', ' ')} UTC; median of ${runs} run${runs === 1 ? '' : 's'}, every event checked`
  );
}

/**
 * Runs the points of one throughput sweep, each interleaved with its probes, prints a line per
 * point (or a table), and writes the sweep's SVG picture. Returns false if a point failed or lost events.
 */
export async function runThroughputSweep(
  sweep: SweepName,
  options: BenchOptions,
  cleanup: CleanupRegistry,
  output: SweepOutput,
): Promise<boolean> {
  const points = makeSweepPoints(sweep, options.events ?? SWEEP_EVENTS);
  const records: SweepRecord[] = [];
  const loads: number[] = [];
  let isClean = true;
  const cpuCount = describeMachine().cpuCount;
  if (!options.json) output.print(`sweep ${sweep}: A's chain on a machine with ${cpuCount} cores`);
  for (const point of points) {
    const group = [point.scenario, ...point.probes.map((p) => p.scenario)];
    const loadavg1m = getLoadAverage();
    loads.push(loadavg1m);
    try {
      const measured = await measureGroup(group, options.runs, () =>
        makeRunContext(point.events, options.timeoutSeconds * 1000, cleanup),
      );
      const record = {
        ...makeSweepRecord(point, measured, { node: process.version, loadavg1m }),
        cpu_count: cpuCount,
      };
      records.push(record);
      if (options.json) output.print(JSON.stringify(record));
      else
        output.printError(
          `${point.scenario.name}: ${record.events_per_s} events/s, ${record.ratio_to_limit} x ${record.limit_probe}`,
        );
      const problems = listProblems(measured.get(point.scenario) ?? []);
      if (problems.length > 0) {
        isClean = false;
        output.printError(
          `bench: sweep point ${point.scenario.name} lost events:\n  ${problems.join('\n  ')}`,
        );
      }
    } catch (error) {
      isClean = false;
      const message = error instanceof Error ? error.message : String(error);
      output.printError(`bench: sweep point ${point.scenario.name} failed: ${message}`);
      if (options.json)
        output.print(JSON.stringify({ sweep, x: point.x, scenario: point.scenario.name, error: message }));
    }
  }
  if (!options.json) output.print(formatSweepTable(records) + '\n');
  if (records.length > 0) {
    const svgPath = join(options.svgDir ?? join(getRepositoryDir(), 'docs'), `sweep-${sweep}.svg`);
    writeFileSync(
      svgPath,
      await renderSweepSvg(sweep, records, makeCaption(loads, options.runs, new Date())),
    );
    output.printError(`bench: wrote ${svgPath}`);
  }
  return isClean;
}

/** Runs the sweeps of `--sweep` one after the other; false if any failed or lost events. */
export async function runSweeps(
  options: BenchOptions,
  cleanup: CleanupRegistry,
  output: SweepOutput,
): Promise<boolean> {
  let isClean = true;
  for (const sweep of options.sweeps) {
    const ok =
      sweep === 'memory'
        ? await runMemorySweep(options, cleanup, output)
        : await runThroughputSweep(sweep, options, cleanup, output);
    isClean &&= ok;
  }
  return isClean;
}
