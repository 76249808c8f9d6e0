// A command put before `node` of each JS worker, for tools that must start the process themselves:
// the bench's --instructions=callgrind runs the workers it measures under valgrind. Read only when
// the variable is set; a normal run never has it. The command must run node in its own process
// (valgrind, exec): one that starts node as its child (time, strace -f) leaves the worker with a
// parent other than control, and the worker exits at start as if control were gone.

/** A JSON array of strings, e.g. `["valgrind","--tool=callgrind"]`; unset for plain `node`. */
export const WORKER_PREFIX_VARIABLE = 'MIMOCORB2_WORKER_PREFIX';

/** The prefix in `env`, or none; throws when the variable is set but not a JSON array of strings. */
export function workerPrefix(env: NodeJS.ProcessEnv): string[] {
  const text = env[WORKER_PREFIX_VARIABLE];
  if (text === undefined || text === '') return [];
  let prefix: unknown;
  try {
    prefix = JSON.parse(text);
  } catch {
    prefix = undefined;
  }
  if (!Array.isArray(prefix) || !prefix.every((word): word is string => typeof word === 'string'))
    throw new Error(`${WORKER_PREFIX_VARIABLE} must be a JSON array of strings, got '${text}'`);
  return prefix;
}

/** `command args` with `prefix` put before its node binary (process.execPath). */
export function withWorkerPrefix(
  line: { command: string; args: string[] },
  prefix: readonly string[],
): { command: string; args: string[] } {
  if (prefix.length === 0) return line;
  const argv = [line.command, ...line.args];
  const at = argv.indexOf(process.execPath);
  argv.splice(at < 0 ? 0 : at, 0, ...prefix);
  return { command: argv[0] ?? line.command, args: argv.slice(1) };
}
