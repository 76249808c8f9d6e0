/** Which buffers a buffer command acts on. */
export type BufferTarget = 'roots' | 'all';

/** What a person (plain terminal or TUI) can ask control to do. */
export type ControlCommand =
  | { readonly type: 'pause' | 'resume' | 'shutdown'; readonly target: BufferTarget }
  | { readonly type: 'shutdown-workers' }
  | { readonly type: 'kill'; readonly worker: string }
  | { readonly type: 'stats' }
  | { readonly type: 'help' }
  | { readonly type: 'exit' };

/** The commands of the plain terminal, with what they do (shown by `help`). */
export const COMMAND_HELP: readonly (readonly [command: string, meaning: string])[] = [
  ['pause roots', 'root buffers discard incoming events (counted as discarded)'],
  ['resume roots', 'root buffers accept events again'],
  ['pause all / resume all', 'the same for every buffer'],
  ['shutdown roots', 'sources stop; the chain drains and the run ends'],
  ['shutdown all', 'every buffer ends now (events written after that are dropped)'],
  ['shutdown workers', 'terminate every worker process (SIGTERM, then SIGKILL after the grace)'],
  ['kill <worker>', 'terminate the processes of one worker'],
  ['stats', 'print the current statistics'],
  ['exit', 'leave; asks to shut down first while processes are alive'],
  ['help', 'this list'],
];

/** Parses one line typed in the plain terminal; a string is the error to show. */
export function parseCommand(line: string): ControlCommand | string {
  const words = line.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const [verb, object] = words;
  if (verb === undefined) return 'type a command, or help';
  if (
    (verb === 'pause' || verb === 'resume' || verb === 'shutdown') &&
    (object === 'roots' || object === 'all')
  ) {
    if (words.length === 2) return { type: verb, target: object };
  }
  if (verb === 'shutdown' && object === 'workers' && words.length === 2) return { type: 'shutdown-workers' };
  if (verb === 'kill' && words.length === 2) {
    // Worker names keep their case.
    return { type: 'kill', worker: line.trim().split(/\s+/)[1] as string };
  }
  if (words.length === 1 && (verb === 'stats' || verb === 'help' || verb === 'exit')) return { type: verb };
  return `unknown command '${line.trim()}'; type help for the list`;
}
