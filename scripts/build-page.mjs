// Bundles the web page (src/web/page) into dist/web/page: one script, one stylesheet, the HTML.
// Everything it uses (uPlot) is bundled here, at build time: a run serves the page offline.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'src', 'web', 'page');
const target = join(root, 'dist', 'web', 'page');

const esbuild = await import('esbuild');
mkdirSync(target, { recursive: true });
await esbuild.build({
  entryPoints: [join(source, 'main.ts')],
  outfile: join(target, 'app.js'),
  bundle: true,
  format: 'iife',
  target: 'es2022',
  minify: true,
  legalComments: 'eof',
  logLevel: 'warning',
});
const uplotCss = readFileSync(require.resolve('uplot/dist/uPlot.min.css'), 'utf8');
writeFileSync(join(target, 'app.css'), `${uplotCss}\n${readFileSync(join(source, 'style.css'), 'utf8')}`);
for (const file of ['index.html', 'favicon.svg']) copyFileSync(join(source, file), join(target, file));
