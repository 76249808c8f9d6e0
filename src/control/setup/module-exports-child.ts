// A short-lived process that imports worker modules for `checkWorkerExports` (module-exports.ts),
// so that a module that throws, loops or waits at its top level never takes control with it.
// Argument: a JSON list of absolute file paths. For each file it writes one JSON line on fd 3:
// `{"file", "importing": true}` before the import, then `{"file", "exports": {name: typeof}}` or
// `{"file", "error": "<one line>"}` after it; then it exits.
import { writeSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { registerWorkerModuleResolution } from '../module-resolution.js';
import { isTypeScriptFile } from '../typescript-file.js';
import { describeLoadError, describeExports } from './module-description.js';

const REPORT_FD = 3;

function report(line: Record<string, unknown>): void {
  writeSync(REPORT_FD, `${JSON.stringify(line)}\n`);
}

const files = JSON.parse(process.argv[2] ?? '[]') as string[];
await registerWorkerModuleResolution(files.some(isTypeScriptFile));
for (const file of files) {
  report({ file, importing: true });
  try {
    const namespace: unknown = await import(pathToFileURL(file).href);
    report({ file, exports: describeExports(namespace) });
  } catch (error) {
    report({ file, error: describeLoadError(error) });
  }
}
process.exit(0);
