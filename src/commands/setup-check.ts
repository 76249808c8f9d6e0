import { checkTargetDirectory } from '../control/run/run-directory.js';
import {
  checkSetup,
  checkWorkerExports,
  loadSetup,
  type ConfigOverride,
  type LoadSetupOptions,
  type ResolvedSetup,
} from '../control/setup/index.js';
import { SetupError } from '../errors.js';
import { prebuiltChecker } from '../functions/registry.js';

/**
 * Loads, validates and resolves a setup (prebuilt workers against the registry) with the config
 * values of the command line, and checks that every worker function exists; throws one SetupError
 * with every problem of every stage.
 */
export async function loadAndCheckSetup(
  setupFile: string,
  targetDirectory?: string,
  configOverrides: readonly ConfigOverride[] = [],
): Promise<ResolvedSetup> {
  const options: LoadSetupOptions = {
    prebuilt: prebuiltChecker,
    configOverrides,
    ...(targetDirectory === undefined ? {} : { targetDirectory }),
  };
  // Before the worker files are imported (slow): a target that cannot be used fails at once.
  const target = targetOf(setupFile, options);
  if (target !== undefined) checkTargetDirectory(target);
  return checkSetup(setupFile, [(draft) => checkWorkerExports(draft)], options);
}

/** The target directory of a setup whose document passed; undefined otherwise (checkSetup says why). */
function targetOf(setupFile: string, options: LoadSetupOptions): string | undefined {
  try {
    return loadSetup(setupFile, options).targetDirectory;
  } catch (error) {
    if (error instanceof SetupError) return undefined;
    throw error;
  }
}
