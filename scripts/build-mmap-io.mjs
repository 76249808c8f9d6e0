// Builds mmap-io's native addon. Its own install script is denied in package.json
// ("allowScripts") because its binding.gyp forces -std=c++11, which Node 20's headers reject;
// make puts CXXFLAGS after the gyp flags, so the last -std (ours) wins.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

function addonLoads() {
  try {
    require('mmap-io');
    return true;
  } catch {
    return false;
  }
}

let packageDir;
try {
  packageDir = dirname(require.resolve('mmap-io/package.json'));
} catch {
  console.error('build-mmap-io: mmap-io is not installed; run `npm ci` first.');
  process.exit(1);
}

if (addonLoads()) process.exit(0);

const nodeGyp =
  process.env.npm_config_node_gyp ??
  join(
    dirname(process.execPath),
    '..',
    'lib',
    'node_modules',
    'npm',
    'node_modules',
    'node-gyp',
    'bin',
    'node-gyp.js',
  );
const args = [nodeGyp, 'rebuild'];
const prefix = join(dirname(process.execPath), '..');
// Without a nodedir node-gyp tries to download headers, and this machine has no internet.
if (!process.env.npm_config_nodedir && existsSync(join(prefix, 'include', 'node', 'common.gypi'))) {
  args.push(`--nodedir=${prefix}`);
}

console.log(`build-mmap-io: building the native addon in ${packageDir}`);
execFileSync(process.execPath, args, {
  cwd: packageDir,
  stdio: 'inherit',
  env: { ...process.env, CXXFLAGS: '-std=c++17 -Wno-cast-function-type' },
});

if (!addonLoads()) {
  console.error('build-mmap-io: the addon was built but does not load.');
  process.exit(1);
}
