import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebServerError } from '../errors.js';

/** Where the build puts the page (scripts/build-page.mjs): next to this module in dist/web/page. */
export const PAGE_DIRECTORY = fileURLToPath(new URL('./page/', import.meta.url));

/** A file of the page, kept in memory. */
export interface PageAsset {
  readonly body: Buffer;
  readonly contentType: string;
}

/** URL path → asset. Every asset the page uses is one of these: nothing comes from elsewhere. */
const FILES: readonly (readonly [path: string, file: string, contentType: string])[] = [
  ['/', 'index.html', 'text/html; charset=utf-8'],
  ['/app.js', 'app.js', 'text/javascript; charset=utf-8'],
  ['/app.css', 'app.css', 'text/css; charset=utf-8'],
  ['/favicon.svg', 'favicon.svg', 'image/svg+xml'],
];

/** Reads the built page; a checkout that was not built gets an error that says so. */
export function loadPageAssets(directory = PAGE_DIRECTORY): ReadonlyMap<string, PageAsset> {
  const assets = new Map<string, PageAsset>();
  for (const [path, file, contentType] of FILES) {
    try {
      assets.set(path, { body: readFileSync(join(directory, file)), contentType });
    } catch (error) {
      throw new WebServerError(
        `the web page's ${file} is missing in ${directory} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): run \`npm run build\``,
      );
    }
  }
  return assets;
}
