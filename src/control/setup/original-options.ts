import type { SetupContext } from './context.js';
import { getPathProblem, resolveSetupPath } from './paths.js';
import { describeValue, isMapping, suggest } from './problems.js';

// The original's example setups end with `Options:` (simple: output_directory, redpitaya:
// debug_workers), which the original reads nowhere. Those setups must run clean: keys that mean
// nothing here pass silently, output_directory stands in for an absent target_directory, and
// only what a user should change is a warning.

/** Options keys of the original that mean nothing here. */
const IGNORED_OPTIONS = ['debug_workers'];
const OUTPUT_DIRECTORY = 'output_directory';
const KNOWN_OPTIONS = [OUTPUT_DIRECTORY, ...IGNORED_OPTIONS];

/**
 * Checks the setup's `Options` and returns the output_directory that stands in for an absent
 * target_directory. `targetDirectory` is as written: undefined when absent, null when not valid.
 */
export function readOriginalOptions(
  ctx: SetupContext,
  options: unknown,
  targetDirectory: string | null | undefined,
): string | undefined {
  if (options === undefined || options === null) return undefined;
  if (!isMapping(options)) {
    ctx.collector.warn(
      ctx.source,
      ['Options'],
      `expected a mapping of the original's options (${KNOWN_OPTIONS.join(', ')}), got ${describeValue(options)}; ignored`,
    );
    return undefined;
  }
  let standIn: string | undefined;
  for (const [key, value] of Object.entries(options)) {
    if (IGNORED_OPTIONS.includes(key)) continue;
    if (key === OUTPUT_DIRECTORY) {
      standIn = checkOutputDirectory(ctx, value, targetDirectory);
      continue;
    }
    ctx.collector.warn(
      ctx.source,
      ['Options', key],
      `unknown option '${key}'${suggest(key, KNOWN_OPTIONS)}, ignored: Options is not part of the setup ` +
        `format (the original's ${KNOWN_OPTIONS.join(' and ')} are accepted); remove it`,
      true,
    );
  }
  return standIn;
}

function checkOutputDirectory(
  ctx: SetupContext,
  value: unknown,
  targetDirectory: string | null | undefined,
): string | undefined {
  const where = ['Options', OUTPUT_DIRECTORY];
  if (typeof value !== 'string') {
    ctx.collector.warn(ctx.source, where, `expected a path, got ${describeValue(value)}; ignored`);
    return undefined;
  }
  const problem = getPathProblem(value);
  if (problem !== undefined) {
    ctx.collector.warn(ctx.source, where, `${problem}; ignored`);
    return undefined;
  }
  if (targetDirectory === undefined) return value;
  if (targetDirectory === null) return undefined;
  const isSame = resolveSetupPath(value, ctx.setupDir) === resolveSetupPath(targetDirectory, ctx.setupDir);
  if (!isSame) {
    ctx.collector.warn(
      ctx.source,
      where,
      `'${value}' is ignored: runs go to target_directory '${targetDirectory}'; remove output_directory`,
    );
  }
  return undefined;
}
