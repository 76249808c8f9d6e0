import type { LogFollower } from '../control/logs/index.js';
import type { Run } from '../control/run/run.js';
import type { TuiControl } from './tui-control.js';

/**
 * The TUI's view of a Run. Buffer commands do nothing once the run has finished: its buffers are
 * removed by then.
 */
export function createRunControl(run: Run, follower: LogFollower): TuiControl {
  let isFinished = false;
  void run.finished.then(() => {
    isFinished = true;
  });
  const whileRunning = (action: () => void) => {
    if (!isFinished) action();
  };
  return {
    runDirectory: run.directory.path,
    roots: run.roots,
    workers: run.setup.workers.map((worker) => worker.name),
    get snapshot() {
      return run.snapshot;
    },
    get processesAlive() {
      return run.processesAlive;
    },
    finished: run.finished,
    onSnapshot(listener) {
      run.on('snapshot', listener);
      return () => run.off('snapshot', listener);
    },
    onNotice(listener) {
      run.on('notice', listener);
      return () => run.off('notice', listener);
    },
    onLogLines(listener) {
      follower.on('lines', listener);
      return () => follower.off('lines', listener);
    },
    setRootsPaused: (paused) => whileRunning(() => run.setPaused('roots', paused)),
    stopRoots: () => whileRunning(() => run.stop('roots')),
    stopAll: () => whileRunning(() => run.stop('all')),
    killWorker: (worker) => whileRunning(() => void run.kill(worker)),
    killProcess: (worker, index) => whileRunning(() => void run.killProcess(worker, index)),
    killAll: () => whileRunning(() => run.killAll()),
    shutdown: () => whileRunning(() => void run.shutdown()),
    interrupt: () => whileRunning(() => run.interrupt()),
  };
}
