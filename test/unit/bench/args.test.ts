import { describe, expect, it } from 'vitest';
import { ToolUsageError } from '../../../src/tool-args.js';
import { DEFAULT_RUNS, DEFAULT_TIMEOUT_SECONDS, parseBenchArgs } from '../../../src/bench/args.js';

describe('parseBenchArgs', () => {
  it('defaults to every scenario, 3 runs, a table', () => {
    expect(parseBenchArgs([])).toEqual({
      json: false,
      scenarios: [],
      runs: DEFAULT_RUNS,
      events: undefined,
      timeoutSeconds: DEFAULT_TIMEOUT_SECONDS,
      sweeps: [],
      svgDir: undefined,
      instructions: undefined,
      list: false,
      help: false,
    });
    expect(DEFAULT_RUNS).toBe(3);
  });

  it('reads --json, --runs, --events, --timeout', () => {
    expect(parseBenchArgs(['--json', '--runs', '5', '--events=1000', '--timeout', '9'])).toMatchObject({
      json: true,
      runs: 5,
      events: 1000,
      timeoutSeconds: 9,
    });
  });

  it('reads --instructions (perf) and --instructions=callgrind', () => {
    expect(parseBenchArgs(['--instructions', '--scenario', 'D']).instructions).toBe('perf');
    expect(parseBenchArgs(['--instructions=callgrind']).instructions).toBe('callgrind');
    expect(() => parseBenchArgs(['--instructions=pin'])).toThrow(ToolUsageError);
  });

  it('takes repeated and comma-separated scenarios', () => {
    expect(parseBenchArgs(['--scenario', 'D', '--scenario=ref-fifo-2proc,X']).scenarios).toEqual([
      'D',
      'ref-fifo-2proc',
      'X',
    ]);
  });

  it.each([
    [['--runs', '0'], "--runs must be a whole number from 1 to 99, got '0'"],
    [['--runs', '2.5'], "--runs must be a whole number from 1 to 99, got '2.5'"],
    [['--events=-3'], "--events must be a whole number from 1 to 9007199254740991, got '-3'"],
    [['--events=1e5'], "--events must be a whole number from 1 to 9007199254740991, got '1e5'"],
    [['--timeout', 'soon'], "--timeout must be a whole number from 1 to 86400, got 'soon'"],
    [['--scenario', 'D,'], '--scenario needs a name'],
  ])('refuses %j', (argv, message) => {
    expect(() => parseBenchArgs(argv)).toThrow(expect.objectContaining({ name: 'ToolUsageError', message }));
  });

  it.each([
    [['--fast'], /^Unknown option '--fast'/],
    [['D'], /^Unexpected argument 'D'/],
    [['--runs'], /^Option '--runs <value>' argument missing/],
  ])('passes on what node:util parseArgs refuses in %j', (argv, message) => {
    expect(() => parseBenchArgs(argv)).toThrow(ToolUsageError);
    expect(() => parseBenchArgs(argv)).toThrow(message);
  });

  it('reads --sweep (repeated, comma-separated, any case, all) and --svg-dir', () => {
    expect(parseBenchArgs(['--sweep', 'Size,hops', '--sweep=size', '--svg-dir', '/tmp/x'])).toMatchObject({
      sweeps: ['size', 'hops'],
      svgDir: '/tmp/x',
    });
    expect(parseBenchArgs(['--sweep', 'all']).sweeps).toEqual([
      'size',
      'slots',
      'processes',
      'hops',
      'memory',
    ]);
  });

  it('refuses an unknown sweep, and --sweep with --scenario', () => {
    expect(() => parseBenchArgs(['--sweep', 'speed'])).toThrow(
      "unknown sweep 'speed'; choose from: size, slots, processes, hops, memory, all",
    );
    expect(() => parseBenchArgs(['--sweep', 'size', '--scenario', 'A'])).toThrow(ToolUsageError);
  });
});
