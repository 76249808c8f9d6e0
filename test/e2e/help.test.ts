// `mimocorb2 --help` (or -h) and every command's --help: the usage on stdout, nothing on stderr, exit 0.
import { describe, expect, it } from 'vitest';
import { expectExit, expectNothingLeft, startCli, useCliRuns } from '../helpers/cli.js';
import { useProcessCleanup } from '../helpers/processes.js';

useProcessCleanup();
useCliRuns();

describe('mimocorb2 --help', () => {
  it.each([
    [[], '--help', 'mimocorb2 <setup.yaml>    run a setup'],
    [[], '-h', 'mimocorb2 <setup.yaml>    run a setup'],
    [['run'], '-h', 'mimocorb2 run <setup>'],
    [['run'], '--help', 'mimocorb2 run <setup>'],
    [['validate'], '--help', 'mimocorb2 validate <setup>'],
    [['status'], '--help', 'mimocorb2 status'],
    [['attach'], '--help', 'mimocorb2 attach [run]'],
    [['stop'], '--help', 'mimocorb2 stop [run]'],
    [['functions'], '--help', 'mimocorb2 functions [name]'],
    [['demo'], '--help', 'mimocorb2 demo'],
    [['inspect'], '--help', 'mimocorb2 inspect <buffer-file>'],
  ])('mimocorb2 %j %s: the usage, exit 0, no error', async (command, flag, usage) => {
    const run = startCli([...command, flag]);
    const { stdout, stderr } = await expectExit(run, 0);
    expect(stderr).toBe('');
    expect(stdout[0]).toContain(usage);
    expect(stdout.join('\n')).toContain('--help');
    expectNothingLeft(run);
  });
});
