import { parseArgs } from 'node:util';
import { BenchUsageError } from './bench-error.js';

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
  readonly list: boolean;
  readonly help: boolean;
}

export const DEFAULT_RUNS = 3;
export const DEFAULT_TIMEOUT_SECONDS = 120;
const MAX_RUNS = 99;

export const USAGE = `usage: npm run bench -- [--json] [--scenario <name>]... [--runs <n>] [--events <n>] [--timeout <s>] [--list]

  --json            one JSON object per line per scenario
  --scenario <name> run only this scenario (with its reference); repeat or separate names with commas
  --runs <n>        runs per scenario, interleaved with its reference; the median is reported (default ${DEFAULT_RUNS})
  --events <n>      events per run instead of each scenario's own count
  --timeout <s>     deadline of one run in seconds (default ${DEFAULT_TIMEOUT_SECONDS})
  --list            list the scenarios and exit`;

function parseWholeNumber(
  flag: string,
  text: string | undefined,
  min: number,
  max: number,
): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new BenchUsageError(`--${flag} must be a whole number from ${min} to ${max}, got '${text}'`);
  }
  return value;
}

/** Parses the benchmark's command line; throws BenchUsageError with the message to show. */
export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        json: { type: 'boolean', default: false },
        scenario: { type: 'string', multiple: true, default: [] },
        runs: { type: 'string' },
        events: { type: 'string' },
        timeout: { type: 'string' },
        list: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    throw new BenchUsageError(error instanceof Error ? error.message : String(error));
  }
  const scenarios = values.scenario.flatMap((s) => s.split(',')).map((s) => s.trim());
  if (scenarios.some((s) => s === '')) throw new BenchUsageError('--scenario needs a name');
  return {
    json: values.json,
    scenarios,
    runs: parseWholeNumber('runs', values.runs, 1, MAX_RUNS) ?? DEFAULT_RUNS,
    events: parseWholeNumber('events', values.events, 1, Number.MAX_SAFE_INTEGER),
    timeoutSeconds: parseWholeNumber('timeout', values.timeout, 1, 86_400) ?? DEFAULT_TIMEOUT_SECONDS,
    list: values.list,
    help: values.help,
  };
}
