import { BenchError } from './bench-error.js';
import { ChildHandle, type ChildOutcome, type ChildSpec } from './child-handle.js';
import type { CleanupRegistry } from './cleanup.js';

export type { ChildOutcome, ChildSpec } from './child-handle.js';

export interface RunChildrenOptions {
  /** The whole run (start, ready, work, exit) must end within this time. */
  readonly deadlineMs: number;
  readonly cleanup: CleanupRegistry;
}

/**
 * Starts `node` children for one run: waits until every child is ready, sends `go` to those
 * held at their start, and resolves with their outcomes when all have exited with code 0. Fails
 * fast when any child fails or the deadline passes; every child is killed before it returns.
 */
export async function runChildren(
  specs: readonly ChildSpec[],
  options: RunChildrenOptions,
): Promise<ChildOutcome[]> {
  const handles: ChildHandle[] = [];
  let timer: NodeJS.Timeout | undefined;
  let isSettled = false;
  try {
    for (const spec of specs) handles.push(new ChildHandle(spec, options.cleanup));
    const failure = new Promise<never>((_, reject) => {
      const fail = (reason: string): void => {
        if (!isSettled)
          reject(new BenchError(`${reason}\n  ${handles.map((h) => h.describe()).join('\n  ')}`));
      };
      timer = setTimeout(
        () => fail(`the run did not end within ${options.deadlineMs / 1000} s`),
        options.deadlineMs,
      );
      for (const handle of handles) {
        handle.ready.catch((error: Error) => fail(error.message));
        void handle.closed.then(() => {
          if (!handle.hasSucceeded) fail(`the run failed:`);
        });
      }
    });
    failure.catch(() => undefined);
    await Promise.race([Promise.all(handles.map((h) => h.ready)), failure]);
    for (const handle of handles) if (handle.spec.startsOnGo === true) handle.go();
    await Promise.race([Promise.all(handles.map((h) => h.closed)), failure]);
    const failed = handles.filter((h) => !h.hasSucceeded);
    if (failed.length > 0)
      throw new BenchError(`the run failed:\n  ${failed.map((h) => h.describe()).join('\n  ')}`);
    return handles.map((h) => h.outcome());
  } finally {
    isSettled = true;
    clearTimeout(timer);
    for (const handle of handles) handle.dispose();
  }
}
