// A worker process blocked in a pipe read cannot notice that control died, so the kernel or a
// watchdog thread must kill it: see TOOLCHAIN "A worker blocked in a pipe read".
import { spawnSync } from 'node:child_process';
import { Worker } from 'node:worker_threads';

/** How a worker process is made to die with control. */
export type ParentDeathMode = 'pdeathsig' | 'watchdog';

let hasPdeathsigCache: boolean | undefined;

/** Whether `setpriv --pdeathsig KILL` works on this machine (util-linux >= 2.33); checked once. */
export function hasPdeathsig(): boolean {
  if (hasPdeathsigCache === undefined) {
    const probe = spawnSync('setpriv', ['--pdeathsig', 'KILL', '--', process.execPath, '--version'], {
      stdio: 'ignore',
      timeout: 5_000,
    });
    hasPdeathsigCache = probe.error === undefined && probe.status === 0;
  }
  return hasPdeathsigCache;
}

/** The pdeathsig mode when the machine has setpriv, else the watchdog thread. */
export function resolveParentDeathMode(requested: ParentDeathMode | 'auto'): ParentDeathMode {
  if (requested !== 'auto') return requested;
  return hasPdeathsig() ? 'pdeathsig' : 'watchdog';
}

/** The command line that runs `node <args>` so that it gets SIGKILL when its parent dies. */
export function withPdeathsig(nodeArgs: readonly string[]): { command: string; args: string[] } {
  return { command: 'setpriv', args: ['--pdeathsig', 'KILL', '--', process.execPath, ...nodeArgs] };
}

/**
 * In a worker process: a thread that SIGKILLs this process once its parent is no longer
 * `parentPid` (the main thread may be blocked in a pipe read for good). Unref'd: it never keeps
 * the process alive. It loads nothing of mimocorb2 (mmap-io must not load in a thread).
 */
export function startParentWatchdog(parentPid: number, intervalMs: number): void {
  const source = `
    const check = () => { if (process.ppid !== ${parentPid}) process.kill(process.pid, 'SIGKILL'); };
    check();
    setInterval(check, ${intervalMs});
  `;
  const watchdog = new Worker(source, { eval: true, stdout: false, stderr: false });
  watchdog.unref();
}
