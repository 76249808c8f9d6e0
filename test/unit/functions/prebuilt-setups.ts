import { loadSetup, type ResolvedSetup } from '../../../src/control/setup/index.js';
import { prebuiltChecker } from '../../../src/functions/registry.js';
import { problemsOf, useSetupDirs, WORKERS_TS } from '../control/setup/setup-dir.js';

/**
 * For the config tests of the prebuilt functions: loads `setup` (as setup.yaml, with `files` and
 * workers.ts beside it) against the registry, or lists the problems its loading reports.
 */
export function usePrebuiltSetups(): {
  load: (setup: string, files?: Record<string, string>) => ResolvedSetup;
  problems: (setup: string, files?: Record<string, string>) => string[];
} {
  const makeDir = useSetupDirs();
  const load = (setup: string, files: Record<string, string> = {}): ResolvedSetup => {
    const cwd = makeDir({ 'setup.yaml': setup, 'workers.ts': WORKERS_TS, ...files });
    return loadSetup('setup.yaml', { cwd, prebuilt: prebuiltChecker });
  };
  return { load, problems: (setup, files) => problemsOf(() => load(setup, files)) };
}
