import type { ConfigOverride } from '../control/setup/index.js';
import { describeError } from './describe-error.js';
import { loadAndCheckSetup } from './setup-check.js';

export interface ValidateOptions {
  readonly setupFile: string;
  /** `--set <worker>.<key>=<value>`: config values over the setup's. */
  readonly configOverrides?: readonly ConfigOverride[];
  readonly print: (line: string) => void;
  readonly printError: (line: string) => void;
  readonly debug?: boolean;
}

/** `mimocorb2 validate`: checks everything a run would check, starts nothing. Exit 0 or 2. */
export async function handleValidate({
  setupFile,
  configOverrides,
  print,
  printError,
  debug = false,
}: ValidateOptions): Promise<number> {
  try {
    const setup = await loadAndCheckSetup(setupFile, undefined, configOverrides);
    for (const warning of setup.warnings) printError(`warning: ${warning}`);
    const processes = setup.workers.reduce((sum, w) => sum + w.numberOfProcesses, 0);
    print(
      `${setupFile} is valid: ${setup.buffers.length} buffers, ${setup.workers.length} workers (${processes} processes); runs go to ${setup.targetDirectory}`,
    );
    return 0;
  } catch (error) {
    printError(describeError(error, debug));
    return 2;
  }
}
