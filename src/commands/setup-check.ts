import { checkWorkerExports, loadSetup, type ResolvedSetup } from '../control/setup/index.js';
import { findPrebuilt, listPrebuilt } from '../functions/registry.js';

/** Loads, validates and resolves a setup, and checks that every worker function exists. */
export async function loadAndCheckSetup(setupFile: string, targetDirectory?: string): Promise<ResolvedSetup> {
  const setup = loadSetup(setupFile, targetDirectory === undefined ? {} : { targetDirectory });
  await checkWorkerExports(setup, {
    lookupPrebuilt: (name) => findPrebuilt(name)?.signature,
    prebuiltNames: listPrebuilt().map((f) => f.name),
  });
  return setup;
}
