// mimocorb2 attach: the TUI on a run that runs detached, in a tmux terminal.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI_PATH, REPO_ROOT } from '../../helpers/cli.js';
import { newSession, useLiveSessions, waitUntilGone, type LiveSession } from '../../helpers/live-run.js';
import { TmuxSession } from '../tui/tmux.js';
import { ENDLESS, linesOf, statusOf, waitForStatus } from './live-commands.js';

useLiveSessions();

const hasTmux = (() => {
  try {
    execFileSync('tmux', ['-V']);
    return true;
  } catch {
    return false;
  }
})();
if (!hasTmux) console.log('skipped the attach tests: tmux is not installed (Debian: tmux)');

let tmux: TmuxSession | undefined;
let terminals = 0;
afterEach(() => tmux?.kill());

/** `mimocorb2 attach <args>` in a 120x40 terminal; its exit code goes to a file. */
function attach(session: LiveSession, args: string): { exitCode: () => number | undefined } {
  const exitFile = join(session.scratch, `attach-exit-${Date.now()}`);
  const env = Object.entries(session.env)
    .map(([key, value]) => `${key}=${value}`)
    .join(' ');
  // A server of its own each time: a new one on a socket just killed may fail to start.
  tmux = new TmuxSession(`mimocorb2-attach-${process.pid}-${++terminals}`);
  tmux.start({
    columns: 120,
    rows: 40,
    cwd: REPO_ROOT,
    command: `env ${env} ${process.execPath} ${CLI_PATH} attach ${args}; echo EXIT=$? > ${exitFile}`,
  });
  return {
    exitCode: () => {
      if (!existsSync(exitFile)) return undefined;
      const match = /^EXIT=(\d+)/.exec(readFileSync(exitFile, 'utf8'));
      return match ? Number(match[1]) : undefined;
    },
  };
}

describe.skipIf(!hasTmux)('mimocorb2 attach', () => {
  it('shows the live run, pauses its roots, detaches with d and leaves it running; q and y then shut it down and leave', async () => {
    const session = newSession();
    const started = await session.run([
      'run',
      ENDLESS,
      '--detach',
      '--target-dir',
      session.targetDir,
      '--http',
      '127.0.0.1:0',
    ]);
    expect(started.status, started.stderr).toEqual({ code: 0, signal: null });
    const runDirectory = (linesOf(started.stdout)[0] as string).slice('run directory: '.length);
    const webPage = linesOf(started.stdout).find((line) => line.startsWith('web page: http://'));

    let terminal = attach(session, '');
    const screen = await tmux!.waitForText(/^raw\s+[\d,]+\s+\S+\/s/m);
    expect(screen).toContain('d detach (the run goes on)');
    // The page's address and token, as the start printed them, stay on screen.
    expect(webPage).toBeDefined();
    expect(screen).toContain(webPage);
    tmux!.press('p');
    await tmux!.waitForText('paused the root buffers');
    await waitForStatus(session, 'the roots paused', (entry) => entry.state === 'paused');
    expect(readFileSync(join(runDirectory, 'control.log'), 'utf8')).toMatch(
      /mimocorb2 attach \(pid \d+\): pause the root buffers/,
    );
    tmux!.press('p');
    await waitForStatus(session, 'the roots resumed', (entry) => entry.state === 'running');
    tmux!.press('d');
    await tmux!.waitFor('attach to exit', () => terminal.exitCode());
    expect(terminal.exitCode()).toBe(0);
    expect(tmux!.history()).toContain('detached: the run goes on');
    const [entry] = await statusOf(session);
    expect(entry).toMatchObject({ runDirectory, state: 'running' });
    tmux!.kill();

    terminal = attach(session, entry?.runId ?? '');
    await tmux!.waitForText(/^raw\s+[\d,]+\s+\S+\/s/m);
    tmux!.press('q');
    await tmux!.waitForText('processes are alive. Shut down');
    tmux!.press('y');
    // Yes to "shut down and exit": attach leaves by itself once the run has finished.
    await tmux!.waitFor('attach to exit', () => terminal.exitCode(), 30_000);
    expect(terminal.exitCode()).toBe(0);
    expect(tmux!.history()).toMatch(/run finished after [\d.]+ s: every worker ended normally/);
    await waitUntilGone(session);
  });

  it('a run started with --detach in a terminal survives the terminal closing (the hang-up of an ssh drop)', async () => {
    const session = newSession();
    const env = Object.entries(session.env)
      .map(([key, value]) => `${key}=${value}`)
      .join(' ');
    tmux = new TmuxSession(`mimocorb2-attach-${process.pid}-${++terminals}`);
    tmux.start({
      columns: 120,
      rows: 40,
      cwd: REPO_ROOT,
      command: `env ${env} ${process.execPath} ${CLI_PATH} run ${ENDLESS} --detach --target-dir ${session.targetDir}; exec bash`,
    });
    await tmux.waitForText('detached: control runs in the background', 30_000);
    const [before] = await statusOf(session);
    tmux.kill();
    const after = await waitForStatus(
      session,
      'the run 2 s older after the terminal closed',
      (entry) => entry.elapsed >= (before?.elapsed ?? 0) + 2,
    );
    expect(after).toMatchObject({ controlPid: before?.controlPid, state: 'running' });
    expect((await session.run(['stop'])).status.code).toBe(0);
    await waitUntilGone(session);
  });
});
