// A broken setup runs nothing: exit code 2, a message naming the file, the worker and the key, and
// nothing left behind (no process, no buffer directory, no run directory).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  E2E_FIXTURES,
  expectExit,
  expectNothingLeft,
  startCli,
  startRun,
  targetDirEntries,
  useCliRuns,
} from '../helpers/cli.js';
import { useProcessCleanup } from '../helpers/processes.js';

useProcessCleanup();
useCliRuns();

const BROKEN = join(E2E_FIXTURES, 'broken');

/** Setups that validation refuses, with the exact problem line (after the setup file's name). */
const REFUSED_SETUPS: readonly (readonly [title: string, file: string, problem: string])[] = [
  [
    'an unknown buffer',
    'unknown-buffer.yaml',
    ":14:13: Workers.filter.sinks[0]: unknown buffer 'no_such_buffer'; buffers are: raw",
  ],
  [
    'a worker file that does not exist',
    'missing-file.yaml',
    `:11:11: Workers.sink.file: worker file '../no-such-workers.ts' not found (looked for ${join(E2E_FIXTURES, 'no-such-workers.ts')})`,
  ],
  [
    // Checked by loading the file in a subprocess of its interpreter, as the run would.
    'a function the Python worker file does not define',
    'python-file.yaml',
    ":12:15: Workers.sink.function: 'python_workers.py' has no function 'record'; it defines the functions helper, store_events",
  ],
  [
    'a prebuilt function given a sink unlike its source',
    'copy-to-other-dtype.yaml',
    ":14:13: Workers.copy.sinks[0]: expected a buffer with the data_length and data_dtype of the source 'raw' (events pass on unchanged), got 'copied' with data_dtype {value: <f4} instead of {value: <f8}",
  ],
  [
    'a function the worker file does not export',
    'missing-export.yaml',
    ":12:15: Workers.sink.function: '../workers.ts' has no export 'no_such_function'; it exports the functions append_lines, chatter, count_up, fan_out, observed_stats, pass_all, pass_all_reporting_stats, record, split_by_counter, stall, watch",
  ],
];

describe('mimocorb2 run and validate: broken setups', () => {
  it.each(REFUSED_SETUPS)('%s: exit 2, the problem named, nothing made', async (_case, file, problem) => {
    const setupFile = join(BROKEN, file);
    const run = startRun(setupFile);
    const validate = startCli(['validate', setupFile]);
    const { stdout, stderr } = await expectExit(run, 2);
    expect(stderr).toBe(`setup ${setupFile} has 1 problem:\n  ${setupFile}${problem}\n`);
    expect(stdout.join('\n')).toBe('');
    expect(targetDirEntries(run), 'the target directory').toEqual([]);
    expectNothingLeft(run);
    expect((await expectExit(validate, 2)).stderr, 'validate says the same').toBe(stderr);
  });

  it('every problem at once, each with its line and column: a bad dtype hides no function name', async () => {
    const setupFile = join(BROKEN, 'several-problems.yaml');
    const validate = startCli(['validate', setupFile]);
    const run = startRun(setupFile);
    const exports =
      'it exports the functions append_lines, chatter, count_up, fan_out, observed_stats, pass_all, pass_all_reporting_stats, record, split_by_counter, stall, watch';
    const expected = [
      `setup ${setupFile} has 4 problems:`,
      `  ${setupFile}:4:63: Buffers.raw.data_dtype.value: unknown dtype 'f16'; expected one of f4 f8 float32 float64 i1 i2 i4 i8 int8..int64 u1 u2 u4 u8 uint8..uint64 b1 bool S<n>`,
      `  ${setupFile}:16:13: Workers.filter.sinks[0]: unknown buffer 'keptt' (did you mean 'kept'?); buffers are: raw, kept`,
      `  ${setupFile}:10:15: Workers.source.function: '../workers.ts' has no export 'count_upp' (did you mean 'count_up'?); ${exports}`,
      `  ${setupFile}:14:15: Workers.filter.function: '../workers.ts' has no export 'pas_all' (did you mean 'pass_all'?); ${exports}`,
      '',
    ].join('\n');
    expect((await expectExit(validate, 2)).stderr).toBe(expected);
    expect((await expectExit(run, 2)).stderr).toBe(expected);
    expect(targetDirEntries(run), 'the target directory').toEqual([]);
  });

  it('a template used with the wrong number of buffers fails at start: exit 2, every worker stopped', async () => {
    const setupFile = join(BROKEN, 'filter-without-sink.yaml');
    const run = startRun(setupFile);
    // Validation cannot know which template a function uses: validate accepts it.
    const validate = startCli(['validate', setupFile]);
    expect((await expectExit(validate, 0)).stdout[0]).toMatch(
      / is valid: 1 buffers, 2 workers \(2 processes\)/,
    );
    const { stdout, stderr } = await expectExit(run, 2);
    expect(stderr.trimEnd()).toMatch(
      new RegExp(
        "^worker 'filter' process 0 \\(pid \\d+\\) failed to start while setting up \\(its config, buffers and template\\): " +
          "worker 'filter': Filter needs 1 source, at least 1 sink, no observed buffers; got 1 sources \\(raw\\), 0 sinks, 0 observes\\. " +
          'Fix sinks of Workers\\.filter in the setup file\\.$',
      ),
    );
    expect(stdout.join('\n')).toBe('');
    // The run directory was made, and removed again with everything in it, and so was the target
    // directory, which did not exist before.
    expect(existsSync(run.targetDir), 'the target directory').toBe(false);
    expectNothingLeft(run);
  });

  it.each([
    ['--duration -1', '--duration must be a positive number of seconds'],
    ['--ui fancy', 'Argument: ui, Given: "fancy", Choices: "tui", "plain", "none"'],
    ['--bogus', 'Unknown argument: bogus'],
    ['--grace -1', '--grace must be a number of seconds, 0 or more'],
    ['--grace abc', '--grace must be a number of seconds, 0 or more'],
  ])('a bad command line (%s): exit 2 and a hint, nothing run', async (argument, message) => {
    const run = startCli(['run', join(E2E_FIXTURES, 'chain.yaml'), ...argument.split(' ')], {
      withTargetDir: true,
    });
    const { stdout, stderr } = await expectExit(run, 2);
    expect(stderr).toContain(message);
    expect(stderr).toMatch(/see mimocorb2 --help\n$/);
    expect(stdout.join('\n')).toBe('');
    expect(targetDirEntries(run)).toEqual([]);
    expectNothingLeft(run);
  });

  it('--help without a command lists the commands and the options of run, exit 0', async () => {
    const { stdout, stderr } = await expectExit(startCli(['--help']), 0);
    expect(stderr).toBe('');
    expect(stdout.join('\n')).toMatch(/mimocorb2 attach \[run\]/);
    expect(stdout.join('\n')).toMatch(/--log-max-mb\s+rotate a worker's log/);
  });
});
