// The whole TUI in a terminal: the CLI runs in a detached tmux session of a fixed size, the test
// types keys and reads the screen. The fixture's source runs until the roots are stopped.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../helpers/processes.js';
import { hasTmux, TmuxSession } from './tmux.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const SETUP = join(REPO, 'test/e2e/tui/fixture/setup.yaml');
const LONG_NAMES = join(REPO, 'test/e2e/tui/fixture/long-names.yaml');
const BUFFER_ROOT = join(
  existsSync('/dev/shm') ? '/dev/shm' : '/tmp',
  `mimocorb2-${process.getuid?.() ?? 0}`,
);

let dir: string;
let tmux: TmuxSession;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mimocorb2-tui-'));
  tmux = new TmuxSession(`mimocorb2-tui-${process.pid}`);
});

afterEach(() => {
  tmux.kill();
  rmSync(dir, { recursive: true, force: true });
});

/** Starts the TUI on a fixture, with CI set: the TUI must draw anyway (Ink alone would not). */
/** The CLI in the pane; `stderrFile`: its stderr goes there instead of onto the screen. */
/** `options`: more command-line options. */
function startTui(columns: number, rows: number, setup = SETUP, stderrFile?: string, options = ''): void {
  const exitFile = join(dir, 'exit');
  const toFile = stderrFile === undefined ? '' : ` 2>${stderrFile}`;
  tmux.start({
    columns,
    rows,
    cwd: REPO,
    command: `env CI=true node dist/cli.js ${setup} --target-dir ${dir}/target${options}${toFile}; echo EXIT=$? > ${exitFile}`,
  });
}

/** The run's exit code once the CLI has ended. */
async function exitCode(): Promise<number> {
  const file = join(dir, 'exit');
  return tmux.waitFor('the CLI to exit', () => {
    if (!existsSync(file)) return undefined;
    const match = /^EXIT=(\d+)/.exec(readFileSync(file, 'utf8'));
    return match ? Number(match[1]) : undefined;
  });
}

/** The root buffer's event count as the root table shows it. */
function rootEvents(screen: string): number | undefined {
  const match = /^raw\s+([\d,]+)\s+/m.exec(screen);
  return match ? Number((match[1] as string).replace(/,/g, '')) : undefined;
}

/** A name as a legend may show it: whole, or shortened in the middle (`pulse_s…_noise`), never cut at its end. */
function shownName(name: string): string {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const shortened = Array.from({ length: name.length - 1 }, (_, head) =>
    Array.from(
      { length: name.length - head - 1 },
      (_, k) => `${escape(name.slice(0, head + 1))}…${escape(name.slice(head + 2 + k))}`,
    ),
  ).flat();
  return `■ (?:${[escape(name), ...shortened].join('|')})`;
}

function runId(): string {
  const runs = readdirSync(join(dir, 'target')).filter((entry) => entry !== 'latest');
  expect(runs).toHaveLength(1);
  return runs[0] as string;
}

/** Nothing of this run is left in the buffer root. */
function expectBuffersRemoved(id: string): void {
  const left = existsSync(BUFFER_ROOT) ? readdirSync(BUFFER_ROOT).filter((name) => name.startsWith(id)) : [];
  expect(left).toEqual([]);
}

describe.skipIf(!hasTmux)('the TUI in a terminal', () => {
  it('switches tabs, shows counts moving, pauses the roots, stops them, and exits 0 after the run', async () => {
    startTui(100, 30);
    const first = await tmux.waitFor(
      'events in the root table',
      (s) => (rootEvents(s) ?? 0) > 0 && rootEvents(s),
      30_000,
    );
    await tmux.waitFor('the count to move', (s) => (rootEvents(s) ?? 0) > first);
    expect(tmux.screen()).toMatch(/^ 1 Rates │ 2 CPU │ 3 Processes │ 4 Buffers │ 5 Logs/);

    tmux.press('2');
    await tmux.waitForText('■ control');
    tmux.press('3');
    await tmux.waitForText(/sink\s+2\/2 alive/);
    tmux.press('4');
    await tmux.waitForText('filled (waiting for a reader)');
    tmux.press('5');
    await tmux.waitForText(/^sink\[[01]\] event \d+/m);
    tmux.press('g'); // to the oldest lines, if there are more than fit
    await tmux.waitForText('sink[1] sink 1: this line goes to stderr');
    tmux.press('Right');
    await tmux.waitForText('■ raw');

    tmux.press('p');
    await tmux.waitForText(/^raw\s+[\d,]+\s+0\/s\s+\S+\s+yes\s+no/m);
    const paused = rootEvents(tmux.screen()) as number;
    tmux.press('p');
    await tmux.waitFor('the rate back after resuming', (s) => {
      const match = /^raw\s+([\d,]+)\s+(\S+)\/s\s+\S+\s+no\s+no/m.exec(s);
      return match !== null && match[2] !== '0' && Number((match[1] as string).replace(/,/g, '')) >= paused;
    });

    tmux.resize(120, 40);
    const resized = await tmux.waitFor('the layout at 120×40', (s) => {
      const lines = s.split('\n');
      return lines[0]?.startsWith(' 1 Rates') && lines.findIndex((l) => l.includes('q quit')) >= 36 && s;
    });
    expect(resized).toContain('elapsed');

    tmux.press('s');
    await tmux.waitForText('run finished (exit code 0) — press q to exit', 30_000);
    const finished = tmux.screen();
    expect(finished).toMatch(/^raw\s+[\d,]+\s+\S+\s+\S+\s+no\s+yes/m);
    expect(finished).toContain('processes 0/4');
    const id = runId();
    tmux.press('q');
    expect(await exitCode()).toBe(0);
    await tmux.waitForText('every worker ended normally (exit code 0)');
    const summary = tmux.history();
    expect(summary).toContain(`run directory: ${join(dir, 'target', id)}\nrun finished after`);
    expect(summary).toMatch(/raw\s+[\d,]+ events .*\(root\)\s+[\d,]+ discarded while paused/);
    expect(summary).not.toContain('1 Rates');
    expectBuffersRemoved(id);
  });

  it("shows the web page's address with its token while the run goes on (--http)", async () => {
    startTui(80, 24, SETUP, undefined, ' --http 127.0.0.1:0');
    await tmux.waitFor('events in the root table', (s) => (rootEvents(s) ?? 0) > 0, 30_000);
    // At 80 columns the address takes a row of its own, whole, under 'web page:'.
    const screen = await tmux.waitForText(/^web page:\nhttp:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{43}$/m);
    const address = /^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{43}$/m.exec(screen);
    expect(address).not.toBeNull();
    tmux.press('s');
    await tmux.waitForText('run finished (exit code 0) — press q to exit', 30_000);
    tmux.press('q');
    expect(await exitCode()).toBe(0);
    await tmux.waitForText('every worker ended normally (exit code 0)');
    // The same address, token and all, as the one printed with the summary.
    expect(tmux.history()).toContain(`web page: ${address?.[0]}`);
    expectBuffersRemoved(runId());
  });

  it('kills a process from the Processes tab at 80×24, ends every buffer, and exits 1', async () => {
    startTui(80, 24);
    await tmux.waitFor('events in the root table', (s) => (rootEvents(s) ?? 0) > 0, 30_000);
    tmux.press('3');
    await tmux.waitForText('▸ source');
    tmux.press('Down', 'Down', 'Down', 'Down', 'Down');
    await tmux.waitForText(/sink\s+2\/2 alive[^\n]*\n▸\s+\[0\]/);
    tmux.press('k');
    await tmux.waitForText(/Kill process 0 of 'sink' \(pid \d+\)\? \(y\/n\)/);
    tmux.press('y');
    // Its sibling reads on, so the chain goes on.
    const stopped = await tmux.waitForText(/sink\s+1\/2 alive/, 15_000);
    expect(stopped).toMatch(/\[0\]\s+\d+\s+exited\s+SIGTERM/);
    expect(stopped).toMatch(/source\s+1\/1 alive/);

    tmux.press('q');
    await tmux.waitForText('processes are alive. Shut down');
    tmux.press('n');
    await tmux.waitForText('cancelled');
    tmux.press('a');
    await tmux.waitForText('End every buffer now?');
    tmux.press('y');
    await tmux.waitForText('run finished (exit code 1) — press q to exit', 30_000);
    const id = runId();
    tmux.press('q');
    expect(await exitCode()).toBe(1);
    const summary = await tmux.waitForText('a worker failed (exit code 1)');
    expect(summary).toMatch(/sink\s+\[0\] killed by SIGTERM; \[1\] ok/);
    const controlLog = readFileSync(join(dir, 'target', id, 'control.log'), 'utf8');
    expect(controlLog).toMatch(/^\S+Z terminate worker 'sink' process 0 \(pid \d+\)$/m);
    expect(controlLog).toMatch(/^\S+Z worker 'sink' process 0 \(pid \d+\) was killed by SIGTERM$/m);
    expect(controlLog).toMatch(/^\S+Z end every buffer now$/m);
    expectBuffersRemoved(id);
  });

  it('fits long names, the key row and the run directory at 120×40 and 80×24; the time axis starts with the run', async () => {
    startTui(120, 40, LONG_NAMES);
    const buffers = ['raw_oscilloscope_traces', 'selected_oscilloscope_traces'];
    const workers = ['pulse_simulator_with_noise', 'select_all_oscilloscope_traces', 'count_selected_events'];
    for (const [columns, rows] of [
      [120, 40],
      [80, 24],
    ] as const) {
      tmux.resize(columns, rows);
      const at = `at ${columns}×${rows}`;
      tmux.press('1');
      const rates = await tmux.waitFor(`every rate in the legend ${at}`, (s) =>
        buffers.every((name) => new RegExp(`${shownName(name)} +[\\d.]+k?/s`).test(s)) ? s : undefined,
      );
      // The chart spans the run so far: its left end is the elapsed time, not a minute ago.
      const elapsed = Number(/elapsed (\d+) s/.exec(rates)?.[1]);
      const left = Number(/^ +-([\d.]+) s /m.exec(rates)?.[1]);
      expect(left, `${at}: the time axis of\n${rates}`).toBeGreaterThan(0);
      expect(
        Math.abs(left - elapsed),
        `${at}: -${left} s at the left with elapsed ${elapsed} s`,
      ).toBeLessThanOrEqual(2);
      tmux.press('2');
      await tmux.waitFor(`every worker and its CPU in the legend ${at}`, (s) =>
        // The value stands beside the name, or on the next row under the chart's line there.
        workers.every((name) =>
          new RegExp(`${shownName(name)}(?:[ │]+|[^\\n]*\\n[^\\n]*? )\\S+% [\\d.]+ [KMG]?i?B`).test(s),
        ) && /■ system\s+\S+% of all cores/.test(s)
          ? s
          : undefined,
      );
      tmux.press('3');
      // The whole tab: its rows, then the prompt and key rows under them.
      const processes = await tmux.waitFor(`the Processes tab ${at}`, (s) =>
        /▸ pulse_s/.test(s) && /q quit/.test(s) ? s : undefined,
      );
      const lines = processes.trimEnd().split('\n');
      expect(lines.at(-1), `${at}: the key row`).toMatch(/^1-5 ←→ tabs {2}↑↓ select {2}k kill.* {2}q quit/);
      expect(lines.at(-2), `${at}: the prompt row above the key row`).toMatch(/^running/);
      // The TUI names it from its working directory (the checkout) when that is shorter.
      const runDirectory = join(dir, 'target', runId());
      const fromRepo = relative(REPO, runDirectory);
      const shown =
        fromRepo.length < runDirectory.length && !fromRepo.startsWith('../..') ? fromRepo : runDirectory;
      expect(processes, `${at}: the run directory in full`).toContain(shown);
    }
    tmux.press('s');
    await tmux.waitForText('run finished (exit code 0) — press q to exit', 30_000);
    tmux.press('q');
    expect(await exitCode()).toBe(0);
  });

  it("shows the simple example's pulse-height histogram, published by a worker, as a tab of its own", async () => {
    startTui(100, 30, join(REPO, 'examples/simple/setup.yaml'));
    await tmux.waitForText('6 pulse heights', 60_000);
    await tmux.waitForText('press q to exit', 60_000);
    tmux.press('6');
    const screen = await tmux.waitForText('process exited: this is its last frame');
    expect(screen).toMatch(/^pulse heights print_pulse_heights#0 · frame \d+/m);
    expect(screen).toMatch(/└0\.5 +height +1\.5/);
    expect(screen).toContain('█');
    const entries = /events ([\d.]+k?) entries/.exec(screen);
    expect(entries, 'the legend with the number of entries').not.toBeNull();
    tmux.press('q');
    expect(await exitCode()).toBe(0);
    expectBuffersRemoved(runId());
  });

  it("gives the muon example's four oscilloscopes and visualizers a tab each, within the number keys", async () => {
    startTui(170, 40, join(REPO, 'test/fixtures/functions/muon-like/setup.yaml'));
    await tmux.waitForText('press q to exit', 60_000);
    const names = ['oscilloscope', 'accepted_ocilloscope', 'showHistUp', 'showHistDown'];
    const bar = await tmux.waitFor('a tab for each display', (screen) =>
      names.every((name) => new RegExp(`[6-9] ${name}\\b`).test(screen)) ? screen : undefined,
    );
    const key = /([6-9]) showHistUp\b/.exec(bar)?.[1] ?? '';
    tmux.press(key);
    const screen = await tmux.waitForText('Histograms of PulseParametersUp');
    for (const panel of ['decay_time', '1st_chA_h', '1st_chB_h', '2nd_chA_h', '2nd_chB_h'])
      expect(screen).toMatch(new RegExp(`■ ${panel} 300`));
    tmux.press('q');
    expect(await exitCode()).toBe(0);
    expectBuffersRemoved(runId());
  });

  it('shuts down in order on Ctrl-C and exits 130', async () => {
    startTui(100, 30);
    await tmux.waitFor('events in the root table', (s) => (rootEvents(s) ?? 0) > 0, 30_000);
    tmux.press('C-c');
    expect(await exitCode()).toBe(130);
    const summary = await tmux.waitForText('interrupted (exit code 130)');
    expect(summary).toMatch(/sink\s+all 2: ok/);
  });

  it('hands the terminal back and exits 2 when the run fails to start', async () => {
    startTui(100, 30, join(REPO, 'test/e2e/tui/fixture/fails-at-start.yaml'));
    expect(await exitCode()).toBe(2);
    // Messages on stderr break at spaces in a terminal; the rows that continue one are indented.
    const output = tmux.history().replace(/\n {2,}/g, ' ');
    expect(output).toMatch(/worker 'sink' process 0 \(pid \d+\) failed to start/);
    expect(output).toContain('this worker fails before it is ready');
    expect(output).not.toContain('1 Rates');
    expect(output).not.toContain('run finished');
  });

  it('gives the start up on Ctrl-C while the workers start, and exits 130', async () => {
    startTui(100, 30, join(REPO, 'test/e2e/tui/fixture/slow-start.yaml'));
    await tmux.waitForText('starting the workers…');
    tmux.press('C-c');
    expect(await exitCode()).toBe(130);
    const output = tmux.history();
    expect(output).toContain('interrupted while starting: every worker was stopped and nothing was kept');
    expect(output).not.toContain('1 Rates');
    expect(existsSync(join(dir, 'target')), 'the target directory the run made').toBe(false);
  });

  it('ends the run in order on SIGTERM to control, hands the terminal back, and exits 130', async () => {
    startTui(100, 30);
    await tmux.waitFor('events in the root table', (s) => (rootEvents(s) ?? 0) > 0, 30_000);
    const shell = tmux.panePid();
    const control = execFileSync('pgrep', ['-P', String(shell), '-f', 'dist/cli.js'], {
      encoding: 'utf8',
    }).trim();
    expect(control).toMatch(/^\d+$/);
    process.kill(Number(control), 'SIGTERM');
    expect(await exitCode()).toBe(130);
    const output = tmux.history();
    expect(output).toContain('interrupted (exit code 130)');
    expect(output).toMatch(/sink\s+all 2: ok/);
  });

  it('ends the run in order when its terminal closes (SIGHUP), without a stack trace', async () => {
    // The terminal goes away: what control says on stderr is kept in a file.
    startTui(100, 30, SETUP, join(dir, 'stderr'));
    await tmux.waitFor('events in the root table', (s) => (rootEvents(s) ?? 0) > 0, 30_000);
    const control = Number(
      execFileSync('pgrep', ['-P', String(tmux.panePid()), '-f', 'dist/cli.js'], { encoding: 'utf8' }).trim(),
    );
    const id = runId();
    tmux.kill();
    await waitFor(() => !existsSync(`/proc/${control}`), 'control to end after its terminal closed', 30_000);
    const runDir = join(dir, 'target', id);
    // In order: the sinks read to the end of the stream; the last row of the statistics says no
    // process is left; the buffers are gone.
    const sinkLog = readFileSync(join(runDir, 'logs', 'sink.log'), 'utf8');
    expect(sinkLog).toMatch(/^\[0\] sink 0 done after \d+ events$/m);
    expect(sinkLog).toMatch(/^\[1\] sink 1 done after \d+ events$/m);
    const last = readFileSync(join(runDir, 'stats.csv'), 'utf8').trim().split('\n').at(-1) ?? '';
    expect(last.split(',')[2], 'processes_alive in the last row of stats.csv').toBe('0');
    expectBuffersRemoved(id);
    const stderr = readFileSync(join(dir, 'stderr'), 'utf8');
    expect(stderr).not.toContain('Assertion failed');
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
