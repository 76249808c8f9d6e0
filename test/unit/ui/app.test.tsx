import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../../src/ui/components/App.js';
import { FakeControl } from './fake-control.js';
import { waitForFrame, waitForText } from './frames.js';
import { processSnapshot, runResult, runSnapshot } from './snapshots.js';

const KEY = { down: '\u001B[B', right: '\u001B[C', left: '\u001B[D', escape: '\u001B', ctrlC: '\u0003' };

function start() {
  const control = new FakeControl(['raw'], ['source', 'filter', 'sink']);
  const onExit = vi.fn();
  const view = render(<App control={control} onExit={onExit} />);
  control.pushSnapshot(runSnapshot(1_010));
  return { control, onExit, ...view };
}

/** Sends one key and waits until the screen shows `text`. */
async function press(view: ReturnType<typeof start>, key: string, text: string): Promise<string> {
  view.stdin.write(key);
  return waitForText(view.lastFrame, text);
}

afterEach(() => {
  cleanup();
});

describe('App', () => {
  it('shows the tabs, the root table, the status row and the keys', async () => {
    const view = start();
    const frame = await waitForText(view.lastFrame, '123,456');
    expect(frame).toContain('1 Rates');
    expect(frame).toContain('5 Logs');
    expect(frame).toMatch(/raw\s+123,456\s+2k\/s\s+0%\s+no\s+no/);
    expect(frame).toContain('elapsed 10 s');
    expect(frame).toContain('processes 4/4');
    expect(frame).toContain('CPU 42%');
    expect(frame).toContain('run_2026-01-02_03-04-05');
    for (const key of ['p pause roots', 's stop roots', 'a end all buffers', 'K kill workers', 'q quit'])
      expect(frame).toContain(key);
  });

  it('puts a disk that fills within the hour first in the status row, and the notice in the prompt row', async () => {
    const view = start();
    await waitForText(view.lastFrame, '123,456');
    const path = '/tmp/target/run_2026-01-02_03-04-05';
    view.control.pushSnapshot({
      ...runSnapshot(1_011),
      disk: { path, freeBytes: 2 ** 30, bytesPerS: 2 ** 20, secondsLeft: 1024 },
    });
    view.control.pushNotice(`the disk of ${path} has 1G free and fills at 1M/s: full in about 17 min`);
    const frame = await waitForText(view.lastFrame, 'disk full in ~17 min │ elapsed');
    expect(frame).toContain('full in about 17 min');
  });

  it('switches tabs with the number keys and the arrows', async () => {
    const view = start();
    await waitForText(view.lastFrame, '123,456');
    await press(view, '3', 'worker / process');
    await press(view, '4', 'filled (waiting for a reader)');
    await press(view, '5', 'no output yet');
    await press(view, KEY.right, '■ raw'); // wraps around to Rates
    await press(view, KEY.left, 'no output yet');
    await press(view, '2', '■ control');
  });

  it('sends pause, resume and stop roots to control', async () => {
    const view = start();
    await waitForText(view.lastFrame, '123,456');
    await press(view, 'p', 'paused the root buffers');
    await press(view, 'p', 'resumed the root buffers');
    await press(view, 's', 'stopping the roots');
    expect(view.control.calls).toEqual(['pause roots', 'resume roots', 'stop roots']);
  });

  it('resumes with p the roots that were paused elsewhere (another attach, the web page)', async () => {
    const view = start();
    await waitForText(view.lastFrame, '123,456');
    view.control.pushSnapshot(runSnapshot(1_011, { raw: { events: 123_456, paused: true, rate: 0 } }));
    await waitForText(view.lastFrame, 'p resume roots');
    await press(view, 'p', 'resumed the root buffers');
    expect(view.control.calls).toEqual(['resume roots']);
  });

  it('asks before ending every buffer and before killing every worker', async () => {
    const view = start();
    await waitForText(view.lastFrame, '123,456');
    await press(view, 'K', 'Kill every worker process');
    await press(view, 'n', 'cancelled');
    expect(view.control.calls).toEqual([]);
    await press(view, 'K', 'Kill every worker process');
    await press(view, 'y', 'terminating every worker process');
    await press(view, 'a', 'End every buffer now?');
    await press(view, 'y', 'ending every buffer');
    expect(view.control.calls).toEqual(['kill all', 'stop all']);
  });

  it('quits at once after the run finished, and says so', async () => {
    const view = start();
    await waitForText(view.lastFrame, '123,456');
    view.control.end(runResult(runSnapshot(1_012)));
    await waitForText(view.lastFrame, 'run finished (exit code 0) — press q to exit');
    const frame = view.lastFrame() ?? '';
    expect(frame).not.toContain('p pause roots');
    view.stdin.write('q');
    await vi.waitFor(() => expect(view.onExit).toHaveBeenCalledTimes(1));
    expect(view.control.calls).toEqual([]);
  });

  it('lists k in the Processes tab only while the run goes on', async () => {
    const view = start();
    await waitForText(view.lastFrame, '123,456');
    await press(view, '3', '↑↓ select  k kill');
    view.control.end(runResult(runSnapshot(1_012)));
    const frame = await waitForText(view.lastFrame, 'run finished (exit code 0) — press q to exit');
    expect(frame).toContain('↑↓ select');
    expect(frame).not.toMatch(/\bk kill/);
  });

  it('offers d to detach from a run attached to only while the run goes on', async () => {
    const control = Object.assign(new FakeControl(['raw'], ['source', 'filter', 'sink']), {
      detach: () => undefined,
    });
    const view = render(<App control={control} />);
    control.pushSnapshot(runSnapshot(1_010));
    await waitForText(view.lastFrame, 'q quit  d detach');
    control.end(runResult(runSnapshot(1_012)));
    const frame = await waitForText(view.lastFrame, 'run finished (exit code 0) — press q to exit');
    expect(frame).not.toContain('detach');
  });

  it('asks before quitting while processes are alive, then shuts down and leaves when finished', async () => {
    const view = start();
    await waitForText(view.lastFrame, '123,456');
    await press(view, 'q', '4 processes are alive');
    await press(view, 'y', 'shutting down');
    expect(view.control.calls).toEqual(['shutdown']);
    expect(view.onExit).not.toHaveBeenCalled();
    await press(view, 'q', 'terminating every worker process');
    expect(view.control.calls).toEqual(['shutdown', 'kill all']);
    view.control.end(runResult(runSnapshot(1_012)));
    await vi.waitFor(() => expect(view.onExit).toHaveBeenCalledTimes(1));
  });

  it('keeps (y/n) of a long question on screen at 80 columns, and the key row says y and n', async () => {
    const view = start();
    Object.defineProperty(view.stdout, 'columns', { get: () => 80 });
    view.stdout.emit('resize');
    await waitForText(view.lastFrame, '123,456');
    const frame = await press(view, 'q', '4 processes are alive');
    const question = frame.split('\n').find((row) => row.includes('4 processes are alive')) ?? '';
    expect(question).toMatch(/… \(y\/n\)\s*$/);
    expect(frame.split('\n').at(-1)?.trimEnd()).toBe('y yes  n no  ^C interrupt');
    await press(view, 'n', 'cancelled');
    expect(view.lastFrame()).toContain('q quit');
  });

  it('interrupts on Ctrl-C (twice: kill) and leaves when the run has ended', async () => {
    const view = start();
    await waitForText(view.lastFrame, '123,456');
    view.stdin.write(KEY.ctrlC);
    await vi.waitFor(() => expect(view.control.calls).toEqual(['interrupt']));
    view.stdin.write(KEY.ctrlC);
    await vi.waitFor(() => expect(view.control.calls).toEqual(['interrupt', 'interrupt']));
    view.control.end(runResult(runSnapshot(1_012), 130));
    await vi.waitFor(() => expect(view.onExit).toHaveBeenCalledTimes(1));
  });

  it('shows control notices in the prompt row', async () => {
    const view = start();
    await waitForText(view.lastFrame, '123,456');
    view.control.pushNotice("worker 'sink' process 1 (pid 2004) was killed by SIGKILL");
    await waitForText(view.lastFrame, 'was killed by SIGKILL');
  });

  it('handles keys that arrive together one by one', async () => {
    const view = start();
    await waitForText(view.lastFrame, '123,456');
    view.stdin.write('3s');
    await waitForText(view.lastFrame, 'stopping the roots');
    expect(view.lastFrame()).toContain('worker / process');
  });

  it('updates when a new snapshot comes', async () => {
    const view = start();
    await waitForText(view.lastFrame, '123,456');
    view.control.pushSnapshot(runSnapshot(1_011, { raw: { events: 125_456, paused: true, rate: 0 } }));
    const frame = await waitForFrame(view.lastFrame, (f) => f.includes('125,456'), 'the new count');
    expect(frame).toMatch(/raw\s+125,456\s+0\/s\s+0%\s+yes\s+no/);
  });

  it('asks before killing a selected process or worker and marks it stopping', async () => {
    const view = start();
    await waitForText(view.lastFrame, '123,456');
    await press(view, '3', 'worker / process');
    // Rows: source, [0], filter, [0], sink, [0], [1]
    for (let i = 0; i < 6; i++) view.stdin.write(KEY.down);
    await waitForFrame(view.lastFrame, (f) => /▸\s+\[1\]\s+2004/.test(f), 'process 1 of sink selected');
    await press(view, 'k', "Kill process 1 of 'sink' (pid 2004)?");
    await press(view, 'y', "terminating process 1 of 'sink'");
    expect(view.lastFrame()).toMatch(/\[1\]\s+2004\s+stopping/);
    expect(view.control.calls).toEqual(['kill process sink/1']);
    view.stdin.write('\u001B[A'); // up: [0]
    view.stdin.write('\u001B[A'); // up: the worker row
    await waitForFrame(view.lastFrame, (f) => /▸ sink/.test(f), 'worker sink selected');
    await press(view, 'k', "Kill worker 'sink' (2 processes");
    await press(view, 'y', "terminating worker 'sink'");
    expect(view.control.calls).toEqual(['kill process sink/1', 'kill worker sink']);
    view.control.pushSnapshot(
      runSnapshot(1_011, {
        processes: [
          processSnapshot('source', 0, { pid: 2001 }),
          processSnapshot('filter', 0, { pid: 2002 }),
          processSnapshot('sink', 0, { pid: 2003, state: 'exited', signal: 'SIGTERM' }),
          processSnapshot('sink', 1, { pid: 2004, state: 'exited', signal: 'SIGKILL' }),
        ],
      }),
    );
    const frame = await waitForText(view.lastFrame, 'SIGKILL');
    expect(frame).toMatch(/\[0\]\s+2003\s+exited\s+SIGTERM/);
    expect(frame).toMatch(/sink\s+0\/2 alive/);
  });

  it('does not redraw for log lines while the Logs tab is hidden, and shows them when it is', async () => {
    const view = start();
    await waitForText(view.lastFrame, '123,456');
    const before = view.frames.length;
    view.control.pushLines([{ worker: 'sink', processIndex: 0, text: 'a line of output', isError: false }]);
    view.control.pushNotice('a notice');
    await waitForText(view.lastFrame, 'a notice');
    expect(view.frames.length).toBe(before + 1);
    await press(view, '5', 'a line of output');
  });
});
