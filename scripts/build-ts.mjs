// Compiles the TypeScript sources and bundles the web page on install, so a plain `npm ci`
// leaves a runnable CLI.
// Skipped where there is nothing to compile (an installed package ships dist/).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
if (!existsSync('tsconfig.build.json') || !existsSync('src')) process.exit(0);
let tsc;
try {
  tsc = require.resolve('typescript/bin/tsc');
} catch {
  process.exit(0);
}
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
execFileSync(process.execPath, ['scripts/build-page.mjs'], { stdio: 'inherit' });
