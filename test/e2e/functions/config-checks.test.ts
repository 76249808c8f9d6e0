// Every config check of data.export, data.simulate_importer, data.clocked_importer and
// importers.redpitaya.waveform, through `mimocorb2 validate` and `run`: all problems at once,
// each with its exact message and place, exit 2, nothing started.
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeLayout } from '../../../src/buffer/index.js';
import { MimoWriter } from '../../../src/functions/data/mimo-writer.js';
import { MIMOFILE_SCRIPT } from '../../../src/functions/data/original-format.js';
import {
  E2E_FIXTURES,
  expectExit,
  expectNothingLeft,
  startCli,
  startRun,
  targetDirEntries,
  useCliRuns,
} from '../../helpers/cli.js';
import { useProcessCleanup } from '../../helpers/processes.js';
import { scratchDir, useScratchDirs, writeSetup } from './mimo-runs.js';

useProcessCleanup();
useCliRuns();
useScratchDirs();

const FIXTURES = join(E2E_FIXTURES, 'functions');

/** The data setup in a scratch directory, with the two .mimo files it names. */
function dataSetup(): { dir: string; file: string } {
  const dir = scratchDir();
  const file = join(dir, 'data-configs.yaml');
  copyFileSync(join(FIXTURES, 'data-configs.yaml'), file);
  const layout = computeLayout({
    name: 'raw',
    slotCount: 1,
    dataLength: 6,
    fields: { wave: 'f4', index: 'i8', flag: 'bool' },
  });
  MimoWriter.open(join(dir, 'recorded.mimo'), layout, { setupFile: file, startTime: 0 }).close();
  // How a file of the Python original starts: pickle's PROTO 4 and FRAME, then the header dict.
  writeFileSync(
    join(dir, 'original.mimo'),
    Buffer.concat([
      Buffer.from([0x80, 0x04, 0x95]),
      Buffer.from('}\x94(\x8c\x06header\x94\x8c\x17This is a mimoCoRB file'),
    ]),
  );
  return { dir, file };
}

function dataProblems(dir: string, file: string): string[] {
  const at = (place: string, message: string): string => `  ${file}:${place}: ${message}`;
  const file7 = 'expected a file path (relative to the setup file)';
  return [
    at(
      '9:3',
      `Workers.no_filename.config.filename: ${file7}, got nothing (the key is missing; it is required)`,
    ),
    at('15:24', `Workers.bad_values.config.filename: ${file7}, got number 7`),
    at('15:36', 'Workers.bad_values.config.speedup: expected a number ≥ 0, got number -1'),
    at('15:55', 'Workers.bad_values.config.keep_metadata: expected true or false, got string "yes"'),
    at(
      '19:24',
      `Workers.missing_file.config.filename: expected a mimocorb2 .mimo file, got 'nothing.mimo': ` +
        `.mimo file ${dir}/nothing.mimo not found`,
    ),
    at(
      '23:24',
      `Workers.not_a_mimo_file.config.filename: expected a mimocorb2 .mimo file, got 'data-configs.yaml': ` +
        `${file} is not a mimocorb2 .mimo file (it does not start with MIMOFILE)`,
    ),
    at(
      '27:24',
      `Workers.original_file.config.filename: expected a mimocorb2 .mimo file, got 'original.mimo': ` +
        `${dir}/original.mimo is a .mimo file of the Python mimoCoRB2 (a pickled header), which mimocorb2 does not read; ` +
        `convert it once with: python3 ${MIMOFILE_SCRIPT} convert ${dir}/original.mimo ` +
        '(this rewrites it in place and keeps the original as original.mimo.orig)',
    ),
    at(
      '31:24',
      'Workers.shorter_sink.config.filename: expected a .mimo file with data_dtype {wave: <f4, index: <i8, flag: |b1} ' +
        "and data_length 5 like sink 'short', got 'recorded.mimo' with data_dtype {wave: <f4, index: <i8, flag: |b1} and data_length 6",
    ),
    at(
      '32:3',
      `Workers.clocked_nothing.config.filename: ${file7}, got nothing (the key is missing; it is required)`,
    ),
    at(
      '32:3',
      'Workers.clocked_nothing.config.rate: expected a number > 0, got nothing (the key is missing; it is required)',
    ),
    at('38:45', 'Workers.clocked_bad.config.rate: expected a number > 0, got number 0'),
    at(
      '38:62',
      `Workers.clocked_bad.config.distribution: expected one of 'uniform', 'poisson', got string "gaussian"`,
    ),
    at(
      '42:24',
      'Workers.clocked_reordered.config.filename: expected a .mimo file with data_dtype {index: <i8, wave: <f4, flag: |b1} ' +
        "and data_length 6 like sink 'reordered', got 'recorded.mimo' with data_dtype {wave: <f4, index: <i8, flag: |b1} and data_length 6",
    ),
    at(
      '46:26',
      'Workers.two_processes.number_of_processes: expected 1 (data.export writes <run directory>/<source buffer>.mimo; ' +
        'several processes would write over each other), got 2',
    ),
    at(
      '56:13',
      "Workers.other_sink.sinks[0]: expected a buffer with the data_length and data_dtype of the source 'reordered' " +
        "(events pass on unchanged), got 'short' with data_length 5 instead of 6 and data_dtype {wave: <f4, index: <i8, flag: |b1} " +
        'instead of {index: <i8, wave: <f4, flag: |b1}',
    ),
    at(
      '52:15',
      "Workers.records_raw_too.sources[0]: expected a file that no other worker writes, got raw.mimo, which worker 'records_raw' writes too",
    ),
  ];
}

function redpitayaProblems(file: string): string[] {
  const at = (place: string, message: string): string => `  ${file}:${place}: ${message}`;
  const missing = 'got nothing (the key is missing; it is required)';
  const rates = 'one of 1, 4, 8, 16, 32, 54, 128, 256';
  return [
    at('7:3', `Workers.nothing_given.config.ip: expected an address or host name, ${missing}`),
    at('7:3', `Workers.nothing_given.config.sample_rate: expected ${rates}, ${missing}`),
    at(
      '7:3',
      `Workers.nothing_given.config.trigger_level: expected a whole number from -4096 to 4095, ${missing}`,
    ),
    at(
      '7:3',
      `Workers.nothing_given.config.number_of_samples_before_trigger: expected a whole number ≥ 0, ${missing}`,
    ),
    at('14:11', 'Workers.all_wrong.config.ip: expected an address or host name, got string ""'),
    at('15:13', 'Workers.all_wrong.config.port: expected a whole number from 1 to 65535, got number 70000'),
    at('16:20', `Workers.all_wrong.config.sample_rate: expected ${rates}, got number 3`),
    at('17:20', 'Workers.all_wrong.config.negator_IN1: expected true or false, got number 1'),
    at('18:20', 'Workers.all_wrong.config.negator_IN2: expected true or false, got string "no"'),
    at(
      '19:22',
      `Workers.all_wrong.config.trigger_slope: expected one of 'rising', 'falling', got string "up"`,
    ),
    at(
      '20:21',
      `Workers.all_wrong.config.trigger_mode: expected one of 'normal', 'auto', got string "single"`,
    ),
    at(
      '21:22',
      'Workers.all_wrong.config.trigger_level: expected a whole number from -4096 to 4095, got number 5000',
    ),
    at('22:23', `Workers.all_wrong.config.trigger_source: expected one of 'IN1', 'IN2', got string "IN3"`),
    at(
      '23:41',
      'Workers.all_wrong.config.number_of_samples_before_trigger: expected a whole number ≥ 0, got number -1',
    ),
    at('24:17', 'Workers.all_wrong.config.set_size: expected a whole number ≥ 1, got number 0'),
    at('25:16', 'Workers.all_wrong.config.timeout: expected a number > 0, got number 0'),
    at('29:41', `Workers.fractions.config.sample_rate: expected ${rates}, got number 4.5`),
    at(
      '29:61',
      'Workers.fractions.config.trigger_level: expected a whole number from -4096 to 4095, got number 10.5',
    ),
    at(
      '29:101',
      'Workers.fractions.config.number_of_samples_before_trigger: expected a whole number ≥ 0, got number 2.5',
    ),
    at('29:116', 'Workers.fractions.config.set_size: expected a whole number ≥ 1, got number 1.5'),
    at(
      '33:100',
      "Workers.too_many_before.config.number_of_samples_before_trigger: expected a whole number from 0 to 100 (the data_length of sink 'osc'), got number 101",
    ),
    at(
      '36:13',
      "Workers.wrong_sink.sinks[0]: expected a buffer with data_dtype {IN1: int16, IN2: int16}, got 'wrong' with {IN1: <i2, IN2: <i4}",
    ),
    at(
      '40:13',
      'Workers.huge_sink.sinks[0]: expected a buffer with data_length ≤ 8388507 (the device sends at most 8388607 samples ' +
        "per waveform, 100 of which are dropped), got 'huge' with data_length 8388600",
    ),
    at(
      '44:14',
      'Workers.with_a_source.sources: expected no sources for importers.redpitaya.waveform, got 1 (osc)',
    ),
  ];
}

function problemReport(file: string, problems: readonly string[]): string {
  return `setup ${file} has ${problems.length} problems:\n${problems.join('\n')}\n`;
}

describe('config checks of the data and Red Pitaya functions', () => {
  it('data.export, simulate_importer, clocked_importer: every problem at once, exit 2, nothing run', async () => {
    const { dir, file } = dataSetup();
    const expected = problemReport(file, dataProblems(dir, file));
    const validate = startCli(['validate', file]);
    expect((await expectExit(validate, 2)).stderr).toBe(expected);
    const run = startRun(file);
    const { stderr, stdout } = await expectExit(run, 2);
    expect(stderr).toBe(expected);
    expect(stdout.join('')).toBe('');
    expect(targetDirEntries(run)).toEqual([]);
    expectNothingLeft(run);
  });

  it('importers.redpitaya.waveform: every problem at once, exit 2, no connection tried', async () => {
    const file = join(FIXTURES, 'redpitaya-configs.yaml');
    const expected = problemReport(file, redpitayaProblems(file));
    const run = startRun(file);
    const { stderr } = await expectExit(run, 2);
    expect(stderr).toBe(expected);
    expect(targetDirEntries(run)).toEqual([]);
    expectNothingLeft(run);
  });

  it('a misspelt key of a replay is warned about; the setup is valid', async () => {
    const { dir } = dataSetup();
    const file = writeSetup(dir, {
      Buffers: {
        raw: { slot_count: 4, data_length: 6, data_dtype: { wave: 'f4', index: 'i8', flag: 'bool' } },
      },
      Workers: {
        input: {
          function: 'data.clocked_importer',
          sinks: ['raw'],
          config: { filename: 'recorded.mimo', rate: 10, distribtion: 'poisson', speedup: 2 },
        },
        record: { function: 'data.export', sources: ['raw'] },
      },
    });
    const validate = startCli(['validate', file]);
    const { stderr } = await expectExit(validate, 0);
    // speedup belongs to another function (a shared config file): silent.
    expect(stderr).toBe(
      `warning: ${file}:17:7: Workers.input.config.distribtion: data.clocked_importer does not use 'distribtion' (did you mean 'distribution'?)\n`,
    );
  });
});
