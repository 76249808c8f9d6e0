import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../../src/control/commands.js';

describe('parseCommand', () => {
  it.each([
    ['pause roots', { type: 'pause', target: 'roots' }],
    ['  Resume   ALL ', { type: 'resume', target: 'all' }],
    ['shutdown roots', { type: 'shutdown', target: 'roots' }],
    ['shutdown all', { type: 'shutdown', target: 'all' }],
    ['shutdown workers', { type: 'shutdown-workers' }],
    ['kill Filter_2', { type: 'kill', worker: 'Filter_2' }],
    ['stats', { type: 'stats' }],
    ['help', { type: 'help' }],
    ['exit', { type: 'exit' }],
  ])('%j', (line, command) => {
    expect(parseCommand(line)).toEqual(command);
  });

  it.each([
    ['', 'type a command, or help'],
    ['pause', "unknown command 'pause'; type help for the list"],
    ['pause everything', "unknown command 'pause everything'; type help for the list"],
    ['kill', "unknown command 'kill'; type help for the list"],
  ])('refuses %j', (line, message) => {
    expect(parseCommand(line)).toBe(message);
  });
});
