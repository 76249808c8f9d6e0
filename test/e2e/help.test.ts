// `mimocorb2 --help` and every command's --help: the usage on stdout, nothing on stderr, exit 0.
import { describe, expect, it } from 'vitest';
import { expectExit, expectNothingLeft, startCli, useCliRuns } from '../helpers/cli.js';
import { useProcessCleanup } from '../helpers/processes.js';

useProcessCleanup();
useCliRuns();

describe('mimocorb2 --help', () => {
  it.each([
    [[], 'mimocorb2 <setup.yaml>    run a setup'],
    [['run'], 'mimocorb2 run <setup>'],
    [['validate'], 'mimocorb2 validate <setup>'],
    [['status'], 'mimocorb2 status'],
    [['attach'], 'mimocorb2 attach [run]'],
    [['stop'], 'mimocorb2 stop [run]'],
    [['functions'], 'mimocorb2 functions [name]'],
    [['demo'], 'mimocorb2 demo'],
    [['inspect'], 'mimocorb2 inspect <buffer-file>'],
  ])('mimocorb2 %j --help: the usage, exit 0, no error', async (command, usage) => {
    const run = startCli([...command, '--help']);
    const { stdout, stderr } = await expectExit(run, 0);
    expect(stderr).toBe('');
    expect(stdout[0]).toContain(usage);
    expect(stdout.join('\n')).toContain('--help');
    expectNothingLeft(run);
  });
});
