import { describe, expect, it } from 'vitest';
import { describeRunCommand, parseRunCommand } from '../../../../src/control/live/index.js';

describe('parseRunCommand', () => {
  it.each([
    [{ type: 'pause-roots' }, { type: 'pause-roots' }],
    [{ type: 'shutdown', extra: 1 }, { type: 'shutdown' }],
    [
      { type: 'kill-worker', worker: 'filter' },
      { type: 'kill-worker', worker: 'filter' },
    ],
    [
      { type: 'kill-process', worker: 'filter', index: 1 },
      { type: 'kill-process', worker: 'filter', index: 1 },
    ],
  ])('reads %j', (value, command) => {
    expect(parseRunCommand(value)).toEqual(command);
  });

  it.each([
    [null, 'a command is a JSON object with a "type"'],
    [[], 'a command is a JSON object with a "type"'],
    [
      { type: 'explode' },
      'unknown command type "explode"; one of: pause-roots, resume-roots, stop-roots, end-all, kill-all, shutdown, kill-worker, kill-process',
    ],
    [{ type: 'kill-worker' }, 'kill-worker needs "worker" (a worker\'s name)'],
    [
      { type: 'kill-process', worker: 'w', index: -1 },
      'kill-process needs "index" (the process\'s index in its worker, 0, 1, ...)',
    ],
    [
      { type: 'kill-process', worker: 'w', index: '1' },
      'kill-process needs "index" (the process\'s index in its worker, 0, 1, ...)',
    ],
  ])('refuses %j', (value, message) => {
    expect(parseRunCommand(value)).toBe(message);
  });

  it('says what each command does', () => {
    expect(describeRunCommand({ type: 'kill-process', worker: 'filter', index: 2 })).toBe(
      "kill process 2 of worker 'filter'",
    );
    expect(describeRunCommand({ type: 'stop-roots' })).toBe('stop the roots (the chain drains)');
  });
});
