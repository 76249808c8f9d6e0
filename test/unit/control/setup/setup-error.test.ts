import { describe, expect, it } from 'vitest';
import { loadSetup } from '../../../../src/control/setup/index.js';
import { MimocorbError, SetupError, type SetupProblem } from '../../../../src/errors.js';
import { useSetupDirs } from './setup-dir.js';

const makeDir = useSetupDirs();

describe('SetupError', () => {
  it('lists every problem in its message, one per line', () => {
    const problems: SetupProblem[] = [
      {
        file: 'setup.yaml',
        line: 12,
        column: 5,
        keyPath: 'Workers.filter.sources[0]',
        message: "unknown buffer 'raww'",
      },
      { file: 'setup.yaml', keyPath: '', message: 'the setup file is empty' },
    ];
    const error = new SetupError('setup.yaml', problems);
    expect(error).toBeInstanceOf(MimocorbError);
    expect(error.name).toBe('SetupError');
    expect(error.code).toBe('ERR_SETUP');
    expect(error.problems).toEqual(problems);
    expect(error.message).toBe(
      [
        'setup setup.yaml has 2 problems:',
        "  setup.yaml:12:5: Workers.filter.sources[0]: unknown buffer 'raww'",
        '  setup.yaml: the setup file is empty',
      ].join('\n'),
    );
  });

  it('caps the list at 50 and says how many more there are', () => {
    const names = Array.from({ length: 60 }, (_, i) => `w${i}`);
    const dir = makeDir({
      'setup.yaml': `Buffers: {}\nWorkers:\n${names.map((name) => `  ${name}: {file: gone.ts, function: run}\n`).join('')}`,
    });
    let caught: unknown;
    try {
      loadSetup('setup.yaml', { cwd: dir });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SetupError);
    if (!(caught instanceof SetupError)) return;
    expect(caught.problems).toHaveLength(60);
    const lines = caught.message.split('\n');
    expect(lines).toHaveLength(52);
    expect(lines[0]).toBe('setup setup.yaml has 60 problems:');
    expect(lines[1]).toBe(
      `  setup.yaml:3:14: Workers.w0.file: worker file 'gone.ts' not found (looked for ${dir}/gone.ts)`,
    );
    expect(lines[51]).toBe('  ... and 10 more');
  });
});
