import {
  checkSetup,
  checkWorkerExports,
  type ConfigOverride,
  type ResolvedSetup,
} from '../control/setup/index.js';
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
  return checkSetup(setupFile, [(draft) => checkWorkerExports(draft)], {
    prebuilt: prebuiltChecker,
    configOverrides,
    ...(targetDirectory === undefined ? {} : { targetDirectory }),
  });
}
