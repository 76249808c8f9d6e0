// A user's own folder outside the checkout: `mimocorb2` on the PATH through `npm link`, `npx
// mimocorb2` through npm's bin link, and the types of 'mimocorb2' for `tsc` by the recipes of
// docs/worker-api.md.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/cli.js';

const TSC = join(REPO_ROOT, 'node_modules', '.bin', 'tsc');
const EXAMPLE = join(REPO_ROOT, 'examples', 'simple');
/** The checkout's path as docs/worker-api.md writes it in its tsconfig recipe. */
const DOCUMENTED_CHECKOUT = '/home/you/mimocorb2';

interface CommandResult {
  readonly status: number;
  readonly output: string;
}

/** Runs a command to its end; stdout and stderr together, as a person would see them. */
function runCommand(
  file: string,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): CommandResult {
  try {
    const output = execFileSync(file, args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
      timeout: 60_000,
    });
    return { status: 0, output };
  } catch (error) {
    const failure = error as { status: number | null; stdout: string; stderr: string };
    return { status: failure.status ?? -1, output: `${failure.stdout}${failure.stderr}` };
  }
}

/** The tsconfig.json of the "Types for your editor and tsc" section, for a checkout at `checkout`. */
function documentedTsconfig(checkout: string): string {
  const docs = readFileSync(join(REPO_ROOT, 'docs', 'worker-api.md'), 'utf8');
  const section = docs.slice(docs.indexOf('## Types for your editor and tsc'));
  const json = /```json\n([\s\S]*?)```/.exec(section)?.[1];
  if (json === undefined)
    throw new Error('docs/worker-api.md: no tsconfig.json in "Types for your editor and tsc"');
  expect(json).toContain(DOCUMENTED_CHECKOUT);
  return json.replaceAll(DOCUMENTED_CHECKOUT, checkout);
}

/** A worker file that breaks a type of the API: a Filter must return booleans. */
const MISTYPED_WORKER = `import { Filter, type BufferIO } from 'mimocorb2';
export function cut(io: BufferIO): void {
  new Filter<{ energy: Float32Array }>(io).run((data) => data.energy[0]);
}
`;

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'mimocorb2-user-'));
  for (const file of ['setup.yaml', 'config.yaml', 'functions.ts'])
    copyFileSync(join(EXAMPLE, file), join(folder, file));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

describe('worker files outside the project', () => {
  it("get the types of 'mimocorb2' for tsc with the documented tsconfig paths", () => {
    const without = runCommand(
      TSC,
      ['--noEmit', '--module', 'nodenext', '--target', 'es2022', 'functions.ts'],
      folder,
    );
    expect(without.status).not.toBe(0);
    expect(without.output).toContain("error TS2307: Cannot find module 'mimocorb2'");

    writeFileSync(join(folder, 'tsconfig.json'), documentedTsconfig(REPO_ROOT));
    expect(runCommand(TSC, ['-p', '.'], folder)).toEqual({ status: 0, output: '' });

    // The types are real, not `any`: a filter returning a number is an error.
    writeFileSync(join(folder, 'cut.ts'), MISTYPED_WORKER);
    const mistyped = runCommand(TSC, ['-p', '.'], folder);
    expect(mistyped.status).not.toBe(0);
    expect(mistyped.output).toMatch(
      /^cut\.ts\(3,\d+\): error TS2322: Type 'number' is not assignable to type 'boolean/m,
    );
  });

  it('get mimocorb2 on the PATH with npm link, and npx mimocorb2 and the types with npm link mimocorb2', () => {
    const prefix = join(folder, 'npm-prefix');
    mkdirSync(prefix);
    // A global prefix of this test's own, so that nothing outside the temporary folder changes.
    const npmEnv = { npm_config_prefix: prefix };
    const npmFlags = ['--ignore-scripts', '--offline', '--no-audit', '--no-fund'];
    const user = join(folder, 'analysis');
    mkdirSync(user);
    for (const file of ['setup.yaml', 'config.yaml', 'functions.ts'])
      copyFileSync(join(folder, file), join(user, file));

    expect(runCommand('npm', ['link', ...npmFlags], REPO_ROOT, npmEnv).status).toBe(0);
    const onPath = runCommand('mimocorb2', ['validate', 'setup.yaml'], user, {
      PATH: `${join(prefix, 'bin')}:${process.env['PATH'] ?? ''}`,
    });
    expect(onPath.output).toContain('setup.yaml is valid: 3 buffers, 4 workers (7 processes)');
    expect(onPath.status).toBe(0);

    expect(runCommand('npm', ['link', 'mimocorb2', ...npmFlags], user, npmEnv).status).toBe(0);
    const npx = runCommand('npx', ['--offline', 'mimocorb2', 'validate', 'setup.yaml'], user, npmEnv);
    expect(npx.output).toContain('setup.yaml is valid: 3 buffers, 4 workers (7 processes)');
    expect(npx.status).toBe(0);

    writeFileSync(
      join(user, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'NodeNext', strict: true, noEmit: true },
      }),
    );
    expect(runCommand(TSC, ['-p', '.'], user)).toEqual({ status: 0, output: '' });
  });
});
