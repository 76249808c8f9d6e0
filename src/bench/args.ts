import { parseToolArgs, ToolUsageError, wholeNumberOption } from '../tool-args.js';
import { SWEEP_NAMES, type SweepName } from './sweep/sweep-points.js';

/** The options of `npm run bench -- [...]`, checked. */
export interface BenchOptions {
  /** One JSON object per line per scenario instead of a table. @default false */
  readonly json: boolean;
  /** Scenario names as given (matched case-insensitively); empty for all. */
  readonly scenarios: readonly string[];
  /** Runs per scenario; the report gives the median. @default 3 */
  readonly runs: number;
  /** Events per run for every scenario; undefined for each scenario's own count. */
  readonly events: number | undefined;
  /** Deadline of one run (start, work and exit of its processes). @default 120 */
  readonly timeoutSeconds: number;
  /** Sweeps to run instead of scenarios (`--sweep`, `all` for every one), in the order given. */
  readonly sweeps: readonly SweepName[];
  /** Where the sweeps' SVG pictures go; undefined for the repository's docs/. */
  readonly svgDir: string | undefined;
  /**
   * Instructions per event in every measuring process: from perf stat (with task-clock), or from
   * valgrind's callgrind where perf cannot count them. @default undefined (none)
   */
  readonly instructions: InstructionCounter | undefined;
  readonly list: boolean;
  readonly help: boolean;
}

/** What counts the instructions: `--instructions` (perf) or `--instructions=callgrind`. */
export const INSTRUCTION_COUNTERS = ['perf', 'callgrind'] as const;
export type InstructionCounter = (typeof INSTRUCTION_COUNTERS)[number];

export const DEFAULT_RUNS = 3;
export const DEFAULT_TIMEOUT_SECONDS = 120;
const MAX_RUNS = 99;

export const USAGE = `usage: npm run bench -- [--json] [--scenario <name>]... [--runs <n>] [--events <n>] [--timeout <s>] [--instructions[=callgrind]] [--list]
       npm run bench -- --sweep <what> [--json] [--runs <n>] [--events <n>] [--svg-dir <dir>]

  --json            one JSON object per line per scenario
  --scenario <name> run only this scenario (with its reference); repeat or separate names with commas
  --runs <n>        runs per scenario, interleaved with its reference; the median is reported (default ${DEFAULT_RUNS})
  --events <n>      events per run instead of each scenario's own count
  --timeout <s>     deadline of one run in seconds (default ${DEFAULT_TIMEOUT_SECONDS})
  --instructions    instructions:u and task-clock per event from \`perf stat\` attached to every measuring
                    process (each attach costs start-up time; events/s are then not comparable)
  --instructions=callgrind  the same from valgrind's callgrind, for machines where perf cannot count
                    instructions: every measuring process runs 10-25× slower, and short runs count
                    mostly V8's warm-up (use --events 1000000; see docs/performance.md)
  --sweep <what>    instead of scenarios, A's chain against ${SWEEP_NAMES.slice(0, -1).join(' | ')} (each point with its
                    limit probe), or the RSS and PSS of every process with a 1 GiB buffer (memory); all for
                    every one; repeat or separate with commas. Writes docs/sweep-<what>.svg
  --svg-dir <dir>   where --sweep writes its SVG pictures (default: the repository's docs/)
  --list            list the scenarios and exit`;

/** The sweeps named by `--sweep` (case-insensitive, `all` for every one), each once. */
export function parseSweeps(texts: readonly string[]): SweepName[] {
  const sweeps: SweepName[] = [];
  for (const text of texts.flatMap((t) => t.split(',')).map((t) => t.trim().toLowerCase())) {
    const names = text === 'all' ? SWEEP_NAMES : SWEEP_NAMES.filter((name) => name === text);
    if (names.length === 0)
      throw new ToolUsageError(`unknown sweep '${text}'; choose from: ${SWEEP_NAMES.join(', ')}, all`);
    for (const name of names) if (!sweeps.includes(name)) sweeps.push(name);
  }
  return sweeps;
}

function parseCounter(text: string | undefined): InstructionCounter | undefined {
  if (text === undefined) return undefined;
  const counter = INSTRUCTION_COUNTERS.find((c) => c === text);
  if (counter === undefined)
    throw new ToolUsageError(`--instructions takes no value or '=callgrind', got '${text}'`);
  return counter;
}

/** Parses the benchmark's command line; throws ToolUsageError with the message to show. */
export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const values = parseToolArgs(
    // A bare --instructions means perf; parseArgs' string options always take a value.
    argv.map((arg) => (arg === '--instructions' ? '--instructions=perf' : arg)),
    {
      json: { type: 'boolean', default: false },
      scenario: { type: 'string', multiple: true, default: [] },
      runs: { type: 'string' },
      events: { type: 'string' },
      timeout: { type: 'string' },
      sweep: { type: 'string', multiple: true, default: [] },
      'svg-dir': { type: 'string' },
      instructions: { type: 'string' },
      list: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  );
  const scenarios = values.scenario.flatMap((s) => s.split(',')).map((s) => s.trim());
  if (scenarios.some((s) => s === '')) throw new ToolUsageError('--scenario needs a name');
  const sweeps = parseSweeps(values.sweep);
  if (sweeps.length > 0 && scenarios.length > 0)
    throw new ToolUsageError('--sweep and --scenario do not go together: run them one after the other');
  return {
    json: values.json,
    scenarios,
    runs: wholeNumberOption('runs', values.runs, 1, MAX_RUNS) ?? DEFAULT_RUNS,
    events: wholeNumberOption('events', values.events, 1, Number.MAX_SAFE_INTEGER),
    timeoutSeconds: wholeNumberOption('timeout', values.timeout, 1, 86_400) ?? DEFAULT_TIMEOUT_SECONDS,
    sweeps,
    svgDir: values['svg-dir'],
    instructions: parseCounter(values.instructions),
    list: values.list,
    help: values.help,
  };
}
