// An ESM resolve hook, run by Node in its module-hooks thread (registered by module-resolution.ts):
// `import ... from 'mimocorb2'` in a worker file anywhere on disk gets the running package.
import type { ResolveHook } from 'node:module';

const PACKAGE_NAME = 'mimocorb2';
// This file is dist/control/module-resolve-hook.js; the package's entry is dist/index.js.
const PACKAGE_ENTRY_URL = new URL('../index.js', import.meta.url).href;

export const resolve: ResolveHook = (specifier, context, nextResolve) => {
  if (specifier === PACKAGE_NAME) return { url: PACKAGE_ENTRY_URL, format: 'module', shortCircuit: true };
  return nextResolve(specifier, context);
};
