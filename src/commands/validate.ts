import { MimocorbError } from '../errors.js';
import { loadAndCheckSetup } from './setup-check.js';

export interface ValidateOptions {
  readonly setupFile: string;
  readonly print: (line: string) => void;
  readonly printError: (line: string) => void;
}

/** `mimocorb2 validate`: checks everything a run would check, starts nothing. Exit 0 or 2. */
export async function handleValidate({ setupFile, print, printError }: ValidateOptions): Promise<number> {
  try {
    const setup = await loadAndCheckSetup(setupFile);
    for (const warning of setup.warnings) printError(`warning: ${warning}`);
    const processes = setup.workers.reduce((sum, w) => sum + w.numberOfProcesses, 0);
    print(
      `${setupFile} is valid: ${setup.buffers.length} buffers, ${setup.workers.length} workers (${processes} processes); runs go to ${setup.targetDirectory}`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof MimocorbError)) throw error;
    printError(error.message);
    return 2;
  }
}
