import { checkWorkerExports, loadSetup, type ResolvedSetup } from '../control/setup/index.js';
import { prebuiltChecker } from '../functions/registry.js';

/** Loads, validates and resolves a setup (prebuilt workers against the registry), and checks that every worker function exists. */
export async function loadAndCheckSetup(setupFile: string, targetDirectory?: string): Promise<ResolvedSetup> {
  const setup = loadSetup(setupFile, {
    prebuilt: prebuiltChecker,
    ...(targetDirectory === undefined ? {} : { targetDirectory }),
  });
  await checkWorkerExports(setup);
  return setup;
}
