import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RunFeed } from '../../../src/control/live/index.js';
import type { Run, RunResult } from '../../../src/control/run/run.js';
import type { ResolvedSetup } from '../../../src/control/setup/index.js';
import { DisplayPublisher } from '../../../src/display/index.js';
import { RunControl } from '../../../src/ui/run-control.js';
import { waitFor } from '../../helpers/processes.js';
import { runResult, runSnapshot } from './snapshots.js';

/** The parts of a setup RunControl reads. */
function setupOf(): ResolvedSetup {
  const worker = (name: string, sources: string[], sinks: string[], numberOfProcesses = 1) => ({
    name,
    sources,
    sinks,
    observes: [],
    numberOfProcesses,
  });
  return {
    setupFile: '/tmp/setups/setup.yaml',
    buffers: [{ name: 'raw' }, { name: 'kept' }],
    workers: [
      worker('source', [], ['raw']),
      worker('filter', ['raw'], ['kept']),
      worker('sink', ['kept'], [], 2),
    ],
  } as unknown as ResolvedSetup;
}

const logDirs: string[] = [];
afterEach(() => {
  for (const dir of logDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A Run stand-in that records the commands it gets. */
class FakeRun extends EventEmitter {
  readonly calls: string[] = [];
  readonly setup = setupOf();
  readonly roots = ['raw'];
  readonly directory = {
    path: '/tmp/target/run_1',
    logsDir: mkdtempSync(join(tmpdir(), 'mimocorb2-logs-')),
  };
  readonly isShuttingDown = false;
  displayDir = '/nonexistent/displays';
  readonly processesAlive = 3;
  snapshot = runSnapshot(1_001);
  readonly finished: Promise<RunResult>;
  end: (result: RunResult) => void = () => undefined;
  constructor() {
    super();
    logDirs.push(this.directory.logsDir);
    this.finished = new Promise((resolve) => (this.end = resolve));
  }
  onNotice(listener: (message: string) => void) {
    this.on('notice', listener);
  }
  setPaused(target: string, paused: boolean) {
    this.calls.push(`${paused ? 'pause' : 'resume'} ${target}`);
  }
  stop(target: string) {
    this.calls.push(`stop ${target}`);
  }
  kill(worker: string) {
    this.calls.push(`kill ${worker}`);
    return true;
  }
  killProcess(worker: string, index: number) {
    this.calls.push(`kill ${worker}/${index}`);
    return true;
  }
  interrupt() {
    this.calls.push('interrupt');
  }
}

describe('RunControl', () => {
  it('knows roots, workers and the processes to come before the run is attached', () => {
    const control = new RunControl(setupOf());
    expect(control.roots).toEqual(['raw']);
    expect(control.workers).toEqual(['source', 'filter', 'sink']);
    expect(control.processesAlive).toBe(4);
    expect(control.runDirectory).toBe('');
    expect(control.snapshot).toBeUndefined();
  });

  it('carries out commands given before the attach when the run comes, later ones at once', () => {
    const control = new RunControl(setupOf());
    control.setRootsPaused(true);
    control.interrupt();
    const run = new FakeRun();
    control.attach(new RunFeed(run as unknown as Run));
    expect(run.calls).toEqual(['pause roots', 'interrupt']);
    control.stopAll();
    control.killProcess('sink', 1);
    expect(run.calls).toEqual(['pause roots', 'interrupt', 'stop all', 'kill sink/1']);
    expect(control.runDirectory).toBe('/tmp/target/run_1');
    expect(control.processesAlive).toBe(3);
  });

  it('gives a Ctrl-C before the attach to the start, after it to the run', () => {
    const interrupts: string[] = [];
    const control = new RunControl(setupOf(), () => interrupts.push('start'));
    control.interrupt();
    expect(interrupts).toEqual(['start']);
    const run = new FakeRun();
    control.attach(new RunFeed(run as unknown as Run));
    control.interrupt();
    expect(run.calls).toEqual(['interrupt']);
    expect(interrupts).toEqual(['start']);
  });

  it('passes on snapshots and notices, collects log lines, and ignores commands once the run has finished', async () => {
    const control = new RunControl(setupOf());
    const run = new FakeRun();
    const feed = new RunFeed(run as unknown as Run);
    control.attach(feed);
    const seen: string[] = [];
    control.onSnapshot((s) => seen.push(`snapshot ${s.time}`));
    control.onNotice((n) => seen.push(`notice ${n}`));
    run.emit('snapshot', runSnapshot(1_002));
    run.emit('notice', 'hello');
    run.emit('notice', "worker 'sink' process 1 (pid 2004) was killed by SIGKILL");
    // Worker output comes through the feed's follower from the log files.
    writeFileSync(join(run.directory.logsDir, 'w.log'), '[0] x\n');
    await waitFor(
      () => control.logs.getLines().length === 3,
      'the worker line to be read',
      5000,
      () => control.logs.getLines(),
    );
    expect(seen).toEqual([
      'snapshot 1002',
      'notice hello',
      "notice worker 'sink' process 1 (pid 2004) was killed by SIGKILL",
    ]);
    // A notice that a process ended badly is an error among the logs (red in the Logs tab).
    expect(
      control.logs.getLines().map((line) => `${line.worker} ${line.isError ? 'error' : 'ok'} ${line.text}`),
    ).toEqual([
      'control ok hello',
      "control error worker 'sink' process 1 (pid 2004) was killed by SIGKILL",
      'w ok x',
    ]);
    run.end(runResult(runSnapshot(1_003)));
    expect((await control.finished).exitCode).toBe(0);
    control.stopRoots();
    expect(run.calls).toEqual([]);
  });

  it('reads the displays with every snapshot, and ten times a second while a display tab watches', async () => {
    const displayDir = mkdtempSync(join(tmpdir(), 'mimocorb2-displays-'));
    const control = new RunControl(setupOf());
    const run = new FakeRun();
    run.displayDir = displayDir;
    try {
      control.attach(new RunFeed(run as unknown as Run));
      const display = new DisplayPublisher(
        displayDir,
        { worker: 'sink', processIndex: 1, name: 'h' },
        { maxRateHz: 10 },
      );
      display.publish({ kind: 'text', lines: ['first'] });
      expect(control.displays.getFrames()).toEqual([]);
      run.emit('snapshot', runSnapshot(1_002));
      expect(control.displays.getFrames()).toMatchObject([{ worker: 'sink', name: 'h', sequence: 1 }]);
      const stopWatching = control.displays.watch();
      const deadline = performance.now() + 5000;
      while (!display.publish({ kind: 'text', lines: ['second'] }))
        if (performance.now() > deadline) throw new Error('the publisher refused for 5 s at 10 Hz');
      await waitFor(
        () => control.displays.getFrames()[0]?.sequence === 2,
        'the watched display to be read without a snapshot',
        5000,
        () => control.displays.getFrames(),
      );
      stopWatching();
      run.end(runResult(runSnapshot(1_003)));
      await control.finished;
    } finally {
      rmSync(displayDir, { recursive: true, force: true });
    }
  });
});
