import { runChildren } from './child-runner.js';
import type { CleanupRegistry } from './cleanup.js';
import { startBenchNatsServer } from './nats-server.js';
import { makeScratchDir } from './scratch-dir.js';
import { TmuxPane } from './tmux-pane.js';
import type { RunContext } from './types.js';

/** What one run of a scenario gets: its scratch directories and children are cleaned up by `cleanup`. */
export function makeRunContext(events: number, deadlineMs: number, cleanup: CleanupRegistry): RunContext {
  return {
    events,
    makeScratchDir: () => {
      const dir = makeScratchDir();
      return { path: dir.path, remove: cleanup.add(() => dir.remove()) };
    },
    runChildren: (specs) => runChildren(specs, { deadlineMs, cleanup }),
    openTmuxPane: (spec) => new TmuxPane(spec, cleanup),
    startNatsServer: () => startBenchNatsServer(cleanup),
    deadlineMs,
  };
}
