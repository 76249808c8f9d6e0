// Sets up the bench's --instructions for the processes it starts: the variable that makes each
// measuring process count over its event window, and for callgrind the prefix that starts the
// processes under valgrind (bench children and `mimocorb2 run` workers) and the folder of its dumps.
import { spawnSync } from 'node:child_process';
import { WORKER_PREFIX_VARIABLE } from '../../control/supervision/worker-prefix.js';
import type { InstructionCounter } from '../args.js';
import { makeScratchDir } from '../scratch-dir.js';
import { CALLGRIND_COUNTER, CALLGRIND_DIR_VARIABLE, callgrindPrefix } from './callgrind-window.js';
import { INSTRUCTIONS_VARIABLE } from './perf-window.js';

const VARIABLES = [INSTRUCTIONS_VARIABLE, WORKER_PREFIX_VARIABLE, CALLGRIND_DIR_VARIABLE];

/**
 * Sets this process's environment (which the children inherit) for `counter`, says on stderr what
 * counts, and returns what undoes it. Throws when callgrind is asked for and valgrind is missing.
 */
export function setUpInstructionCounter(
  counter: InstructionCounter | undefined,
  printError: (text: string) => void,
): () => void {
  for (const name of VARIABLES) delete process.env[name];
  if (counter === undefined) return () => undefined;
  if (counter === 'perf') {
    process.env[INSTRUCTIONS_VARIABLE] = '1';
    printError('instructions per event: counted by perf stat (instructions:u) in each measuring process');
    return () => delete process.env[INSTRUCTIONS_VARIABLE];
  }
  const version = spawnSync('valgrind', ['--version'], { encoding: 'utf8' });
  if (version.error !== undefined || version.status !== 0)
    throw new Error('--instructions=callgrind needs valgrind (Debian: valgrind), which does not run here');
  const dumps = makeScratchDir();
  process.env[INSTRUCTIONS_VARIABLE] = CALLGRIND_COUNTER;
  process.env[WORKER_PREFIX_VARIABLE] = JSON.stringify(callgrindPrefix());
  process.env[CALLGRIND_DIR_VARIABLE] = dumps.path;
  printError(
    `instructions per event: counted by callgrind (${version.stdout.trim()}), every measuring process under it (10-25× slower); dumps in ${dumps.path}`,
  );
  return () => {
    for (const name of VARIABLES) delete process.env[name];
    dumps.remove();
  };
}
