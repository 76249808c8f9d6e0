// The web server of a run (--http): the token, the page's files, the events, /api/snapshot,
// /metrics, the controls, and the mistakes that keep a run from starting.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NodeEventSource } from '../../../src/bench/web/event-source.js';
import { METRIC_NAMES } from '../../helpers/web.js';
import { newSession, useLiveSessions, waitUntilGone, type LiveSession } from '../../helpers/live-run.js';
import { waitForExit, waitForLine, type TrackedChild } from '../../helpers/processes.js';
import { ENDLESS, waitFor, waitForAsync } from './live-commands.js';

useLiveSessions();

const hasPromtool = spawnSync('promtool', ['--version']).status === 0;
if (!hasPromtool)
  console.log('skipped promtool check metrics: promtool is not installed (Debian: prometheus)');

interface WebRun {
  readonly child: TrackedChild;
  readonly runDirectory: string;
  /** `http://127.0.0.1:<port>/` */
  readonly base: string;
  readonly bearer: Record<string, string>;
}

/** Starts ENDLESS headless with --http 127.0.0.1:0 and waits for its page's address. */
async function startWebRun(session: LiveSession, more: readonly string[] = []): Promise<WebRun> {
  const child = session.cli([
    'run',
    ENDLESS,
    '--ui',
    'none',
    '--http',
    '127.0.0.1:0',
    '--target-dir',
    session.targetDir,
    ...more,
  ]);
  const runDirectory = (await waitForLine(child, /^run directory: (.+)$/, 30_000))[1] as string;
  const url = (await waitForLine(child, /^web page: (\S+)$/, 5000))[1] as string;
  expect(url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/\\?token=${session.token}$`));
  return {
    child,
    runDirectory,
    base: url.slice(0, url.indexOf('?')),
    bearer: { Authorization: `Bearer ${session.token}` },
  };
}

function controlLog(run: WebRun): string {
  return readFileSync(join(run.runDirectory, 'control.log'), 'utf8');
}

async function postCommand(
  run: WebRun,
  command: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${run.base}api/control`, {
    method: 'POST',
    headers: { ...run.bearer, 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(command),
  });
}

describe('--http', () => {
  it('asks every request for the token: 401 and a line in control.log without it, a cookie from ?token=', async () => {
    const session = newSession();
    const run = await startWebRun(session);
    const refused = await fetch(run.base);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toBe('Bearer realm="mimocorb2"');
    expect(await refused.text()).not.toContain(session.token);
    expect((await fetch(`${run.base}metrics`, { headers: { Authorization: 'Bearer wrong' } })).status).toBe(
      401,
    );
    await waitFor(
      () => /web: refused GET \/metrics from 127\.0\.0\.1:\d+: a wrong token/.test(controlLog(run)),
      'the refusal in control.log',
      5000,
      () => controlLog(run),
    );
    expect(controlLog(run)).toMatch(/web: refused GET \/ from 127\.0\.0\.1:\d+: no token/);

    const login = await fetch(`${run.base}?token=${session.token}`, { redirect: 'manual' });
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toBe('/');
    const cookie = login.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^mimocorb2_\d+=[\w-]+; HttpOnly; SameSite=Strict; Path=\/$/);
    const page = await fetch(run.base, { headers: { Cookie: cookie.split(';')[0] as string } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<script src="app.js"');
    const script = await fetch(`${run.base}app.js`, { headers: run.bearer });
    expect([script.status, script.headers.get('content-type')]).toEqual([
      200,
      'text/javascript; charset=utf-8',
    ]);
    expect((await fetch(`${run.base}nothing`, { headers: run.bearer })).status).toBe(404);

    expect((await postCommand(run, { type: 'shutdown' })).status).toBe(200);
    expect(await waitForExit(run.child, 30_000)).toEqual({ code: 0, signal: null });
    await waitUntilGone(session);
  });

  it('streams the run to a page (init, snapshots, lines, finished), answers /api/snapshot and /metrics', async () => {
    const session = newSession();
    const run = await startWebRun(session);
    const page = new NodeEventSource(`${run.base}events`, run.bearer);
    const init = JSON.parse((await page.next('init', 10_000)).data) as {
      info: { runDirectory: string; roots: string[] };
    };
    expect(init.info).toMatchObject({ runDirectory: run.runDirectory, roots: ['raw'] });
    const first = JSON.parse((await page.next('snapshot', 5000)).data) as {
      snapshot: { buffers: { events: number }[] };
    };
    const second = JSON.parse((await page.next('snapshot', 5000)).data) as {
      snapshot: { buffers: { events: number }[] };
    };
    expect(second.snapshot.buffers[0]?.events).toBeGreaterThan(first.snapshot.buffers[0]?.events ?? 0);
    const lines = JSON.parse((await page.next('lines', 10_000)).data) as { worker: string; text: string }[];
    expect(lines.some((line) => line.worker === 'source' && /^yielded \d+$/.test(line.text))).toBe(true);

    const snapshot = (await (await fetch(`${run.base}api/snapshot`, { headers: run.bearer })).json()) as {
      info: { runId: string };
      status: { state: string };
      snapshot: { buffers: { name: string }[] };
    };
    expect(snapshot.status.state).toBe('running');
    expect(snapshot.snapshot.buffers.map((b) => b.name)).toEqual(['raw', 'passed']);

    const metrics = await fetch(`${run.base}metrics`, { headers: run.bearer });
    expect(metrics.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await metrics.text();
    expect([...text.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1])).toEqual(METRIC_NAMES);
    expect(text).toMatch(/^mimocorb2_buffer_events_total\{buffer="raw"\} [1-9]\d*$/m);
    expect(text).toMatch(/^mimocorb2_process_cpu_seconds_total\{worker="filter",process="0"\} [\d.e-]+$/m);
    // The importer stamps every event: its readers' ages are sampled from the first event on.
    expect(text).toMatch(/^mimocorb2_buffer_lag_events\{buffer="raw"\} \d+$/m);
    expect(text).toMatch(/^mimocorb2_buffer_event_age_p50_seconds\{buffer="raw"\} [\d.e-]+$/m);
    expect(text).toMatch(/^mimocorb2_buffer_event_age_p99_seconds\{buffer="passed"\} [\d.e-]+$/m);
    if (hasPromtool) {
      const check = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
      expect(check.stdout + check.stderr).toBe('');
      expect(check.status).toBe(0);
    }

    expect((await postCommand(run, { type: 'stop-roots' })).status).toBe(200);
    const finished = JSON.parse((await page.next('finished', 30_000)).data) as { exitCode: number };
    expect(finished.exitCode).toBe(0);
    await page.closed;
    expect(await waitForExit(run.child, 30_000)).toEqual({ code: 0, signal: null });
    await waitUntilGone(session);
  });

  it('takes commands by POST only, as JSON, from its own pages, and writes each to control.log with the address', async () => {
    const session = newSession();
    const run = await startWebRun(session);
    expect((await fetch(`${run.base}api/control`, { headers: run.bearer })).status).toBe(405);
    const asForm = await postCommand(
      run,
      { type: 'pause-roots' },
      { 'Content-Type': 'application/x-www-form-urlencoded' },
    );
    expect(asForm.status).toBe(415);
    const fromElsewhere = await postCommand(run, { type: 'pause-roots' }, { Origin: 'http://evil.example' });
    expect(fromElsewhere.status).toBe(403);
    const unknown = await postCommand(run, { type: 'kill-worker', worker: 'nobody' });
    expect([unknown.status, await unknown.json()]).toEqual([
      404,
      { ok: false, message: "no worker named 'nobody'" },
    ]);

    const pause = await postCommand(run, { type: 'pause-roots' });
    expect(await pause.json()).toEqual({ ok: true, message: 'pause the root buffers' });
    expect(controlLog(run)).toMatch(/web 127\.0\.0\.1:\d+: pause the root buffers/);
    expect(controlLog(run)).toMatch(/web 127\.0\.0\.1:\d+: refused: no worker named 'nobody'/);
    await waitForAsync(async () => {
      const answer = await fetch(`${run.base}api/snapshot`, { headers: run.bearer });
      return ((await answer.json()) as { status: { state: string } }).status.state === 'paused';
    }, 'the snapshot to show the roots paused');
    const kill = await postCommand(run, { type: 'kill-process', worker: 'filter', index: 0 });
    expect(await kill.json()).toEqual({ ok: true, message: "kill process 0 of worker 'filter'" });
    await waitFor(
      // A process a person killed is told in control.log (the supervisor tells only of failures).
      () => /worker 'filter' process 0 \(pid \d+\) was killed by SIGTERM/.test(controlLog(run)),
      'the filter to be killed',
      10_000,
      () => controlLog(run),
    );
    expect(await (await postCommand(run, { type: 'shutdown' })).json()).toEqual({
      ok: true,
      message: 'shut the run down in order',
    });
    expect(await waitForExit(run.child, 30_000)).toEqual({ code: 1, signal: null });
    await waitUntilGone(session);
  });

  it('opens /metrics without the token with --metrics-public, and nothing else', async () => {
    const session = newSession();
    const run = await startWebRun(session, ['--metrics-public']);
    expect((await fetch(`${run.base}metrics`)).status).toBe(200);
    expect((await fetch(`${run.base}api/snapshot`)).status).toBe(401);
    expect((await fetch(run.base)).status).toBe(401);
    expect((await postCommand(run, { type: 'shutdown' })).status).toBe(200);
    expect(await waitForExit(run.child, 30_000)).toEqual({ code: 0, signal: null });
    await waitUntilGone(session);
  });

  it('takes the token from --http-token-file', async () => {
    const session = newSession();
    const file = join(session.scratch, 'token');
    writeFileSync(file, 'a-token-from-a-file-0123456789\n', { mode: 0o600 });
    const child = session.cli([
      'run',
      ENDLESS,
      '--ui',
      'none',
      '--http',
      '0',
      '--http-token-file',
      file,
      '--target-dir',
      session.targetDir,
    ]);
    const url = (await waitForLine(child, /^web page: (\S+)$/, 30_000))[1] as string;
    expect(url).toMatch(/\?token=a-token-from-a-file-0123456789$/);
    const base = url.slice(0, url.indexOf('?'));
    const shutdown = await fetch(`${base}api/control`, {
      method: 'POST',
      headers: { Authorization: 'Bearer a-token-from-a-file-0123456789', 'Content-Type': 'application/json' },
      body: '{"type":"shutdown"}',
    });
    expect(shutdown.status).toBe(200);
    expect(await waitForExit(child, 30_000)).toEqual({ code: 0, signal: null });
    await waitUntilGone(session);
  });

  it('refuses to start on a port in use, a bad address or a short token: exit 2, nothing made', async () => {
    const session = newSession();
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as { port: number };
    try {
      const inUse = await session.run([
        'run',
        ENDLESS,
        '--http',
        `127.0.0.1:${port}`,
        '--target-dir',
        session.targetDir,
      ]);
      expect(inUse.status.code).toBe(2);
      expect(inUse.stderr).toBe(`--http: cannot listen on http://127.0.0.1:${port}/: the port is in use\n`);
    } finally {
      taken.close();
    }
    const bad = await session.run([
      'run',
      ENDLESS,
      '--http',
      'localhost:http',
      '--target-dir',
      session.targetDir,
    ]);
    expect(bad.status.code).toBe(2);
    expect(bad.stderr).toContain(
      "--http: expected [host:]port (e.g. 8080, 127.0.0.1:8080, 0.0.0.0:8080, [::1]:8080; port 0 picks a free one), got 'localhost:http'",
    );
    const child = session.cli(['run', ENDLESS, '--http', '0', '--target-dir', session.targetDir], {
      MIMOCORB2_HTTP_TOKEN: 'short',
    });
    expect(await waitForExit(child, 30_000)).toEqual({ code: 2, signal: null });
    expect(child.stderr()).toContain(
      'MIMOCORB2_HTTP_TOKEN: expected a token of at least 16 printable characters',
    );
    expect(existsSync(session.targetDir)).toBe(false);
  });
});
