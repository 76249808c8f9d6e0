// run --detach, status, stop: a run that lives without the terminal that started it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CLI_PATH } from '../../helpers/cli.js';
import { newSession, useLiveSessions, waitUntilGone, type LiveSession } from '../../helpers/live-run.js';
import { spawnTracked, waitForExit } from '../../helpers/processes.js';
import { ENDLESS, linesOf, statusOf, waitFor, waitForStatus } from './live-commands.js';

useLiveSessions();

/** Starts ENDLESS detached (with --http 0 when asked) and returns what the starting command printed. */
async function startDetached(session: LiveSession, more: readonly string[] = []): Promise<string[]> {
  const started = await session.run(['run', ENDLESS, '--detach', '--target-dir', session.targetDir, ...more]);
  expect(started.status, started.stderr).toEqual({ code: 0, signal: null });
  return linesOf(started.stdout);
}

describe('run --detach', () => {
  it('prints the run directory and the web page, returns, and the run goes on until stop ends it in order', async () => {
    const session = newSession();
    const lines = await startDetached(session, ['--http', '0']);
    expect(lines[0]).toMatch(/^run directory: .*\/run_[\d-]+_[\d-]+$/);
    const runDirectory = (lines[0] as string).slice('run directory: '.length);
    expect(lines[1]).toMatch(new RegExp(`^web page: http://127\\.0\\.0\\.1:\\d+/\\?token=${session.token}$`));
    expect(lines[2]).toMatch(/^detached: control runs in the background \(pid \d+\)/);

    const [entry] = await statusOf(session);
    expect(entry).toMatchObject({ runDirectory, state: 'running', setupFile: ENDLESS, processesAlive: 3 });
    expect(entry?.webUrl).toBe((lines[1] as string).slice('web page: '.length));
    const later = await waitForStatus(
      session,
      'the run 2 s older',
      (e) => e.elapsed >= (entry?.elapsed ?? 0) + 2,
    );
    expect(later.state).toBe('running');

    const stop = await session.run(['stop']);
    expect(stop.status, stop.stderr).toEqual({ code: 0, signal: null });
    expect(stop.stdout).toContain(`${runDirectory}: shut the run down in order`);
    expect(stop.stdout).toMatch(/run finished after [\d.]+ s: every worker ended normally \(exit code 0\)/);
    await waitUntilGone(session);
    expect(readFileSync(join(runDirectory, 'control.log'), 'utf8')).toMatch(
      /mimocorb2 stop \(pid \d+\): shut the run down in order/,
    );
    expect(readFileSync(join(runDirectory, 'control.out'), 'utf8')).toMatch(
      /^run finished after .*\nbuffers:\n/,
    );
    expect(await statusOf(session)).toEqual([]);
  });

  it('survives the hang-up of the shell that started it (SIGHUP, as when ssh drops)', async () => {
    const session = newSession();
    // The shell leads its own process group, as a login shell does; the hang-up reaches all of it.
    const shell = spawnTracked('setsid', [
      'bash',
      '-c',
      `${Object.entries(session.env)
        .map(([k, v]) => `export ${k}='${v}';`)
        .join(
          ' ',
        )} "${process.execPath}" ${CLI_PATH} run ${ENDLESS} --detach --target-dir ${session.targetDir}; echo started; exec sleep 600`,
    ]);
    await waitFor(
      () => shell.lines.includes('started'),
      'the detached start',
      30_000,
      () => shell.stdout(),
    );
    const [before] = await statusOf(session);
    expect(before?.state).toBe('running');
    process.kill(-shell.pid, 'SIGHUP');
    expect(await waitForExit(shell, 5000)).toEqual({ code: null, signal: 'SIGHUP' });
    const after = await waitForStatus(
      session,
      'the run 2 s older after the hang-up',
      (e) => e.elapsed >= (before?.elapsed ?? 0) + 2,
    );
    expect(after).toMatchObject({
      runDirectory: before?.runDirectory,
      controlPid: before?.controlPid,
      state: 'running',
    });
    const stop = await session.run(['stop', before?.runId ?? '']);
    expect(stop.status, stop.stderr).toEqual({ code: 0, signal: null });
    await waitUntilGone(session);
  });

  it('passes --set, --buffer-root and --log-max-mb on to the background run', async () => {
    const session = newSession();
    const otherRoot = join(session.scratch, 'other-root');
    const lines = await startDetached(session, [
      '--set',
      'source.log_every=10',
      '--buffer-root',
      otherRoot,
      '--log-max-mb',
      '0.001',
    ]);
    const runDirectory = (lines[0] as string).slice('run directory: '.length);
    const setup = parse(readFileSync(join(runDirectory, 'setup.yaml'), 'utf8')) as {
      Workers: Record<string, { config: Record<string, unknown> }>;
    };
    expect(setup.Workers['source']?.config).toMatchObject({ log_every: 10 });
    const bufferDirectories = existsSync(otherRoot) ? readdirSync(otherRoot) : [];
    expect(bufferDirectories, `buffer directories in ${otherRoot}`).toHaveLength(1);
    const logs = join(runDirectory, 'logs');
    await waitFor(
      () => existsSync(join(logs, 'source.log.1')),
      'source.log rotated at 0.001 MiB',
      20_000,
      () => readdirSync(logs),
    );
    const stop = session.cli(['stop'], { MIMOCORB2_BUFFER_ROOT: otherRoot });
    expect(await waitForExit(stop, 30_000), stop.stderr()).toEqual({ code: 0, signal: null });
    await waitFor(
      () => readdirSync(otherRoot).length === 0,
      'the run to remove its buffer directory',
      30_000,
      () => readdirSync(otherRoot),
    );
    await waitUntilGone(session);
  });

  it('shows what went wrong when the start fails, exits 2 and leaves nothing', async () => {
    const session = newSession();
    const started = await session.run(['run', join(session.scratch, 'missing.yaml'), '--detach']);
    expect(started.status).toEqual({ code: 2, signal: null });
    expect(started.stderr).toContain('missing.yaml');
    expect(started.stdout).not.toContain('detached');
  });

  it('stop --kill terminates every worker at once: the run ends with exit code 1', async () => {
    const session = newSession();
    await startDetached(session);
    const stop = await session.run(['stop', '--kill']);
    expect(stop.status, stop.stdout + stop.stderr).toEqual({ code: 1, signal: null });
    expect(stop.stdout).toContain('kill every worker process');
    expect(stop.stdout).toMatch(/worker process(?:es)? failed[^\n]*\(exit code 1\)/);
    await waitUntilGone(session);
  });
});

describe('status, attach and stop without a run to reach', () => {
  it('status says that none runs; attach and stop say so too and exit 2', async () => {
    const session = newSession();
    const status = await session.run(['status']);
    expect(status.stdout).toBe(`no live runs of yours (looked in ${session.bufferRoot})\n`);
    const stop = await session.run(['stop']);
    expect(stop.status.code).toBe(2);
    expect(stop.stderr).toContain(
      `no live run of yours in ${session.bufferRoot}; start one with mimocorb2 run <setup> --detach`,
    );
    await startDetached(session);
    const named = await session.run(['stop', 'run_1999-01-01_00-00-00']);
    expect(named.status.code).toBe(2);
    expect(named.stderr).toMatch(/no live run named 'run_1999-01-01_00-00-00' \(live runs: .*run_/);
    const [live] = await statusOf(session);
    expect((await session.run(['stop'])).status.code).toBe(0);
    await waitUntilGone(session);
    const ended = await session.run(['stop', live?.runDirectory ?? '']);
    expect(ended.status.code).toBe(2);
    expect(ended.stderr).toContain(
      `the run in '${live?.runDirectory}' has ended (its control.log says how) (no live run of yours in ${session.bufferRoot})`,
    );
  });
});
