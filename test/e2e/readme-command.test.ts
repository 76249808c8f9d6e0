// The README's run command, `bin/mimocorb2 <setup>`, as a new user runs it: node is started
// directly (no npm or npx in between), so a SIGTERM from `timeout` reaches control, which ends the
// run and leaves no process and no buffer file behind.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BUFFER_ROOT,
  E2E_FIXTURES,
  processesOfRun,
  REPO_ROOT,
  startCli,
  TAG_VARIABLE,
  useCliRuns,
  waitForEnd,
  waitForRunDir,
} from '../helpers/cli.js';
import { useProcessCleanup } from '../helpers/processes.js';
import { hasTmux, TmuxSession } from './tui/tmux.js';

useProcessCleanup();
useCliRuns();

/** The command after `npm ci && ` in the README's "Try it" block. */
function readmeRunCommand(): string {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const match = /^npm ci && (bin\/mimocorb2 \S+)$/m.exec(readme);
  if (match === null) throw new Error('README.md has no line `npm ci && bin/mimocorb2 <setup.yaml>`');
  return match[1] as string;
}

/** Whether the run's buffer directory (`<run id>_<control pid>`) is still in the buffer root. */
function hasBufferDir(runDirectory: string, controlPid: number): boolean {
  return existsSync(join(BUFFER_ROOT, `${basename(runDirectory)}_${controlPid}`));
}

/** The run's control process (node on dist/cli.js), found by the tag its environment holds. */
function controlOf(tag: string): ProcessInfo | undefined {
  return processesOfRun({ tag })
    .map(processInfo)
    .find((p) => p?.cmdline.some((arg) => arg.endsWith('dist/cli.js')));
}

interface ProcessInfo {
  readonly pid: number;
  readonly ppid: number;
  readonly cmdline: readonly string[];
}

/** Parent pid and command line of a process; undefined once it is gone. */
function processInfo(pid: number): ProcessInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    return { pid, ppid, cmdline };
  } catch {
    return undefined;
  }
}

let scratch: string;
beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), 'mimocorb2-readme-'));
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

describe.skipIf(!hasTmux)("the README's run command in a terminal", () => {
  let tmux: TmuxSession;
  beforeEach(() => {
    tmux = new TmuxSession(`mimocorb2-readme-${process.pid}`);
  });
  afterEach(() => tmux.kill());

  it('opens the TUI with node as the child of timeout, and ends the run cleanly when timeout sends SIGTERM', async () => {
    const command = readmeRunCommand();
    const tag = `readme-${process.pid}-${Date.now()}`;
    const exitFile = join(scratch, 'exit');
    // Long enough for the run to start and end on a busy machine; the TUI then waits for q.
    const timeoutS = 25;
    const startedAt = performance.now();
    tmux.start({
      columns: 120,
      rows: 40,
      cwd: REPO_ROOT,
      command:
        `env ${TAG_VARIABLE}=${tag} timeout --foreground -s TERM ${timeoutS} ${command} ` +
        `--target-dir ${scratch}/target; echo EXIT=$? > ${exitFile}`,
    });
    await tmux.waitForText(/^ 1 Rates │/m, timeoutS * 1000);
    const firstFrameMs = performance.now() - startedAt;
    // What runs is node on dist/cli.js, straight under timeout: no shell, npm or npx that a signal
    // would stop at.
    const cli = controlOf(tag);
    expect(cli, `the tagged processes: ${JSON.stringify(processesOfRun({ tag }))}`).toBeDefined();
    const parent = processInfo(cli?.ppid ?? 0);
    expect(basename(parent?.cmdline[0] ?? '')).toBe('timeout');
    expect(basename(cli?.cmdline[0] ?? '')).toMatch(/^node/);
    console.log(`README command: first TUI frame after ${Math.round(firstFrameMs)} ms`);

    const status = await tmux.waitFor(
      'timeout to end the command',
      () => existsSync(exitFile) && readFileSync(exitFile, 'utf8'),
      (timeoutS + 20) * 1000,
    );
    expect(status.trim()).toBe('EXIT=124'); // 124: timeout fired and its command then ended
    const output = tmux.history();
    const runDir = /^run directory: (.+)$/m.exec(output)?.[1];
    expect(runDir, output).toBeDefined();
    expect(output).toMatch(/^run finished after [\d.]+ s/m);
    expect(processesOfRun({ tag })).toEqual([]);
    expect(hasBufferDir(runDir ?? '', cli?.pid ?? 0)).toBe(false);
  });
});

describe('bin/mimocorb2 headless', () => {
  it('runs from another directory through a symlink as node itself, and SIGTERM ends the run in order (exit 130)', async () => {
    const link = join(scratch, 'mimocorb2');
    symlinkSync(join(REPO_ROOT, 'bin', 'mimocorb2'), link);
    const run = startCli(['run', join(E2E_FIXTURES, 'endless.yaml'), '--ui', 'none'], {
      withTargetDir: true,
      launcher: ['env', '-C', scratch, link],
    });
    const runDir = await waitForRunDir(run);
    // The script execs node: the process started is control itself, which a signal reaches.
    const control = controlOf(run.tag);
    expect(control?.pid, 'the process started is node on dist/cli.js').toBe(run.child.pid);
    run.child.process.kill('SIGTERM');
    const { status, stdout, stderr } = await waitForEnd(run);
    expect(status, stderr).toEqual({ code: 130, signal: null });
    expect(stderr).toContain('interrupted: stopping the roots and draining');
    expect(stdout.join('\n')).toContain('interrupted (exit code 130)');
    expect(control, 'the control process seen while it ran').toBeDefined();
    expect(hasBufferDir(runDir, control?.pid ?? 0)).toBe(false);
  });

  it('says what to do when dist/ has not been built', () => {
    const fakeCheckout = join(scratch, 'checkout');
    execFileSync('mkdir', ['-p', join(fakeCheckout, 'bin')]);
    execFileSync('cp', [join(REPO_ROOT, 'bin', 'mimocorb2'), join(fakeCheckout, 'bin')]);
    let failure: { status: number; stderr: string } | undefined;
    try {
      execFileSync(join(fakeCheckout, 'bin', 'mimocorb2'), ['--help'], { encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      failure = error as { status: number; stderr: string };
    }
    expect(failure?.status).toBe(2);
    expect(failure?.stderr).toBe(
      `mimocorb2: ${fakeCheckout}/dist/cli.js is missing: run 'npm ci' in ${fakeCheckout} first (it builds it)\n`,
    );
  });
});
