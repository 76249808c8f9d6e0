// `npm run bench -- [--json] [--scenario X] [--runs N]`: runs benchmark scenarios in child
// processes and prints the median of the runs per scenario. See docs/performance.md.
import { parseBenchArgs, USAGE, type BenchOptions } from './args.js';
import { setUpInstructionCounter } from './perf/instruction-counter.js';
import { ToolUsageError } from '../tool-args.js';
import { CleanupRegistry, installExitCleanup } from './cleanup.js';
import { describeMachine, getLoadAverage } from './machine.js';
import { measureGroup } from './measure.js';
import { findUnavailable, getReferenceNames, planGroups, SCENARIOS, selectScenarios } from './registry.js';
import { listProblems, makeErrorRecord, summarizeGroup } from './report.js';
import { makeRunContext } from './run-context.js';
import { runSweeps } from './sweep/run-sweep.js';
import { removeStaleScratchDirs } from './scratch-dir.js';
import { formatHeading, formatTable } from './table.js';
import type { Scenario } from './types.js';

const EXIT_OK = 0;
const EXIT_FAILED = 1;
const EXIT_USAGE = 2;

function print(line: string): void {
  process.stdout.write(line + '\n');
}

function printError(line: string): void {
  process.stderr.write(line + '\n');
}

/** Runs one interleaved group and prints its lines; returns false if it failed or lost events. */
async function runGroup(
  group: Scenario[],
  options: BenchOptions,
  cleanup: CleanupRegistry,
): Promise<boolean> {
  const [primary] = group;
  if (primary === undefined) return true;
  const events = options.events ?? primary.defaultEvents;
  const loadavg1m = getLoadAverage();
  const showProgress = process.stderr.isTTY;
  try {
    const measured = await measureGroup(
      group,
      options.runs,
      () => makeRunContext(events, options.timeoutSeconds * 1000, cleanup),
      (scenario, run, m) => {
        if (showProgress)
          printError(
            `${scenario.name} run ${run + 1}/${options.runs}: ${Math.round(m.events / m.seconds)} events/s`,
          );
      },
    );
    const records = summarizeGroup(group, measured, { node: process.version, loadavg1m });
    if (options.json) for (const record of records) print(JSON.stringify(record));
    else print(formatTable(records) + '\n');
    let isClean = true;
    for (const [scenario, measurements] of measured) {
      const problems = listProblems(measurements);
      if (problems.length === 0) continue;
      isClean = false;
      printError(`bench: scenario ${scenario.name} lost events:\n  ${problems.join('\n  ')}`);
    }
    return isClean;
  } catch (error) {
    printError(
      `bench: scenario ${group.map((s) => s.name).join(' + ')} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    if (options.json) for (const scenario of group) print(JSON.stringify(makeErrorRecord(scenario, error)));
    return false;
  }
}

async function main(argv: readonly string[]): Promise<number> {
  let options: BenchOptions;
  let groups: Scenario[][];
  let unavailable: Map<string, string>;
  try {
    options = parseBenchArgs(argv);
    const selected = selectScenarios(options.scenarios);
    const isScenarioRun = !options.list && !options.help && options.sweeps.length === 0;
    unavailable = isScenarioRun ? findUnavailable(selected) : new Map<string, string>();
    groups = planGroups(selected, SCENARIOS, new Set(unavailable.keys()));
  } catch (error) {
    if (!(error instanceof ToolUsageError)) throw error;
    printError(`bench: ${error.message}\n${USAGE}`);
    return EXIT_USAGE;
  }
  if (options.help) {
    print(USAGE);
    return EXIT_OK;
  }
  if (options.list) {
    for (const s of SCENARIOS) {
      const references = getReferenceNames(s);
      print(
        `${s.name.padEnd(22)} ${s.title}${references.length > 0 ? ` (reference: ${references.join(', ')})` : ''}`,
      );
    }
    return EXIT_OK;
  }
  // The children and `mimocorb2 run` workers inherit the environment it sets.
  let tearDownCounter: () => void;
  try {
    tearDownCounter = setUpInstructionCounter(options.instructions, printError);
  } catch (error) {
    printError(`bench: ${(error as Error).message}`);
    return EXIT_FAILED;
  }
  const cleanup = new CleanupRegistry();
  const uninstall = installExitCleanup(cleanup, printError);
  try {
    for (const path of removeStaleScratchDirs())
      printError(`bench: removed ${path}, left by a benchmark that was killed`);
    if (options.sweeps.length > 0)
      return (await runSweeps(options, cleanup, { print, printError })) ? EXIT_OK : EXIT_FAILED;
    if (!options.json) print(formatHeading(describeMachine(), options.runs) + '\n');
    for (const [name, reason] of unavailable) {
      if (options.json) print(JSON.stringify({ scenario: name, skipped: reason }));
      else print(`skipped ${name}: ${reason}\n`);
    }
    let failures = 0;
    for (const group of groups) if (!(await runGroup(group, options, cleanup))) failures++;
    return failures === 0 ? EXIT_OK : EXIT_FAILED;
  } finally {
    for (const error of cleanup.runAll()) printError(`cleanup: ${error.message}`);
    tearDownCounter();
    uninstall();
  }
}

process.exitCode = await main(process.argv.slice(2));
