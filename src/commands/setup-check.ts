import { checkSetup, checkWorkerExports, type ResolvedSetup } from '../control/setup/index.js';
import { prebuiltChecker } from '../functions/registry.js';

/**
 * Loads, validates and resolves a setup (prebuilt workers against the registry), and checks that
 * every worker function exists; throws one SetupError with every problem of every stage.
 */
export async function loadAndCheckSetup(setupFile: string, targetDirectory?: string): Promise<ResolvedSetup> {
  return checkSetup(setupFile, [(draft) => checkWorkerExports(draft)], {
    prebuilt: prebuiltChecker,
    ...(targetDirectory === undefined ? {} : { targetDirectory }),
  });
}
