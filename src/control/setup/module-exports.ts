import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { isRecord } from '../../is-record.js';
import { nodeFlags } from '../node-flags.js';
import { hasPdeathsig, withPdeathsig } from '../supervision/parent-watch.js';
import { isTypeScriptFile } from '../typescript-file.js';
import type { ModuleExports } from './module-description.js';

// Compiled JS also when running from src (tests, tsx), like the worker entry.
const CHILD_PATH = fileURLToPath(
  new URL('../../../dist/control/setup/module-exports-child.js', import.meta.url),
);

/** How long one module may take to import before it counts as hanging. @default 10000 */
export const DEFAULT_IMPORT_TIMEOUT_MS = 10_000;

/** How long the child may take to start before its first import (a loaded machine is slow). */
const STARTUP_TIMEOUT_MS = 30_000;

/** A module's exports, or why it could not be looked at. */
export type ModuleResult = { readonly exports: ModuleExports } | { readonly error: string };

/**
 * Imports each worker module in a child process (a module's top-level code may throw, loop, wait
 * for good or exit) and returns what each exports. A module that takes longer than `timeoutMs`
 * is reported as hanging; one that ends the process, as such; the others are read in a new one.
 */
export async function readModuleExports(
  files: readonly string[],
  timeoutMs = DEFAULT_IMPORT_TIMEOUT_MS,
): Promise<Map<string, ModuleResult>> {
  const results = new Map<string, ModuleResult>();
  // Apart, as in their worker processes: there a JavaScript file that imports a .ts file fails.
  const groups = [files.filter(isTypeScriptFile), files.filter((file) => !isTypeScriptFile(file))];
  await Promise.all(groups.map((group) => importAll(group, timeoutMs, results)));
  // In the order asked, whichever child answered first.
  const ordered = new Map<string, ModuleResult>();
  for (const file of files) {
    const result = results.get(file);
    if (result !== undefined) ordered.set(file, result);
  }
  return ordered;
}

async function importAll(
  files: readonly string[],
  timeoutMs: number,
  results: Map<string, ModuleResult>,
): Promise<void> {
  // Each round settles at least one file, so this ends.
  for (let rest = [...files]; rest.length > 0; rest = rest.filter((file) => !results.has(file))) {
    await importInChild(rest, timeoutMs, results);
  }
}

async function importInChild(
  files: readonly string[],
  timeoutMs: number,
  results: Map<string, ModuleResult>,
): Promise<void> {
  // It dies with control, also when a module loops at its top level.
  const nodeArgs = [...nodeFlags(), CHILD_PATH, JSON.stringify(files)];
  const { command, args } = hasPdeathsig()
    ? withPdeathsig(nodeArgs)
    : { command: process.execPath, args: nodeArgs };
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-2000)));
  let importing = files[0] as string;
  let timer: NodeJS.Timeout | undefined;
  const arm = (ms: number) => {
    clearTimeout(timer);
    timer = setTimeout(() => child.kill('SIGKILL'), ms);
  };
  // Starting node and the TypeScript loader is not the module's time.
  arm(Math.max(timeoutMs, STARTUP_TIMEOUT_MS));
  readLines(child.stdio[3] as Readable, (line) => {
    arm(timeoutMs);
    if (typeof line['file'] !== 'string') return;
    if (line['importing'] === true) importing = line['file'];
    else if (isRecord(line['exports'])) results.set(line['file'], { exports: exportsOf(line['exports']) });
    else results.set(line['file'], { error: String(line['error']) });
  });
  const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('error', () => resolve({ code: null, signal: null }));
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  clearTimeout(timer);
  if (results.has(importing)) return;
  if (exit.signal === 'SIGKILL') {
    results.set(importing, {
      error: `importing it did not finish within ${timeoutMs / 1000} s (does its top-level code loop or wait for something?)`,
    });
    return;
  }
  const how = exit.signal !== null ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
  const said = stderr.trim().split('\n').at(-1) ?? '';
  results.set(importing, { error: `importing it ended the process: it ${how}${said ? `: ${said}` : ''}` });
}

function exportsOf(value: Record<string, unknown>): ModuleExports {
  return Object.fromEntries(Object.entries(value).map(([name, type]) => [name, String(type)]));
}

function readLines(stream: Readable, onLine: (line: Record<string, unknown>) => void): void {
  let partial = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const text of lines) {
      try {
        const line: unknown = JSON.parse(text);
        if (isRecord(line)) onLine(line);
      } catch {
        // Not ours.
      }
    }
  });
  stream.on('error', () => undefined);
}
