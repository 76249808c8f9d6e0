import { isRecord } from '../../is-record.js';
import type { Run } from '../run/run.js';

/**
 * What a viewer of a live run (the web page, an attached TUI, `mimocorb2 stop`) may ask control
 * to do: exactly what the TUI's keys do.
 */
export type RunCommand =
  | {
      readonly type: 'pause-roots' | 'resume-roots' | 'stop-roots' | 'end-all' | 'kill-all' | 'shutdown';
    }
  | { readonly type: 'kill-worker'; readonly worker: string }
  | { readonly type: 'kill-process'; readonly worker: string; readonly index: number };

const SIMPLE_COMMANDS = [
  'pause-roots',
  'resume-roots',
  'stop-roots',
  'end-all',
  'kill-all',
  'shutdown',
] as const;

/** Every command type, for messages that list them. */
export const RUN_COMMAND_TYPES = [...SIMPLE_COMMANDS, 'kill-worker', 'kill-process'] as const;

/** A command from its JSON form, or a message saying what is wrong with it. */
export function parseRunCommand(value: unknown): RunCommand | string {
  if (!isRecord(value)) return 'a command is a JSON object with a "type"';
  const { type, worker, index } = value;
  if ((SIMPLE_COMMANDS as readonly unknown[]).includes(type)) return { type } as RunCommand;
  if (type === 'kill-worker' || type === 'kill-process') {
    if (typeof worker !== 'string' || worker === '') return `${type} needs "worker" (a worker's name)`;
    if (type === 'kill-worker') return { type, worker };
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0)
      return `kill-process needs "index" (the process's index in its worker, 0, 1, ...)`;
    return { type, worker, index };
  }
  return `unknown command type ${JSON.stringify(type)}; one of: ${RUN_COMMAND_TYPES.join(', ')}`;
}

/** What a command does, in words, for control.log and the replies. */
export function describeRunCommand(command: RunCommand): string {
  switch (command.type) {
    case 'pause-roots':
      return 'pause the root buffers';
    case 'resume-roots':
      return 'resume the root buffers';
    case 'stop-roots':
      return 'stop the roots (the chain drains)';
    case 'end-all':
      return 'end every buffer now';
    case 'kill-all':
      return 'kill every worker process';
    case 'shutdown':
      return 'shut the run down in order';
    case 'kill-worker':
      return `kill worker '${command.worker}'`;
    case 'kill-process':
      return `kill process ${command.index} of worker '${command.worker}'`;
  }
}

/** The answer to a command: done, or why not. */
export interface CommandReply {
  readonly ok: boolean;
  readonly message: string;
}

/** Carries out a command on a live run; a finished run or an unknown worker is a refusal. */
export function executeRunCommand(run: Run, command: RunCommand, isFinished: boolean): CommandReply {
  const done = describeRunCommand(command);
  if (isFinished) return { ok: false, message: `the run has finished; nothing to ${done}` };
  switch (command.type) {
    case 'pause-roots':
    case 'resume-roots':
      run.setPaused('roots', command.type === 'pause-roots');
      break;
    case 'stop-roots':
      run.stop('roots');
      break;
    case 'end-all':
      run.stop('all');
      break;
    case 'kill-all':
      run.killAll();
      break;
    case 'shutdown':
      void run.shutdown();
      break;
    case 'kill-worker':
      if (!run.kill(command.worker)) return { ok: false, message: `no worker named '${command.worker}'` };
      break;
    case 'kill-process':
      if (!run.killProcess(command.worker, command.index))
        return {
          ok: false,
          message: `worker '${command.worker}' has no process ${command.index}`,
        };
      break;
  }
  return { ok: true, message: done };
}
