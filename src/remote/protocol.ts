// The messages between control and `mimocorb2 attach | stop | status` on the run's control socket:
// one JSON object per line, each with a discriminant `type`.
import type { CommandReply, FeedState, FeedUpdate, RunCommand, RunStatus } from '../control/live/index.js';
import type { RunResult } from '../control/run/run.js';

/** Who sent a command, for control.log: `mimocorb2 stop` and its pid. */
export interface ClientOrigin {
  readonly program: string;
  readonly pid: number;
}

export type ClientMessage =
  | { readonly type: 'status' }
  /** Sends the state (welcome), then every update until the run finishes. */
  | { readonly type: 'attach' }
  | { readonly type: 'watch-displays'; readonly isWatched: boolean }
  | {
      readonly type: 'command';
      readonly id: number;
      readonly command: RunCommand;
      readonly origin: ClientOrigin;
    }
  /** Answers `finished` when the run has finished (at once if it has). */
  | { readonly type: 'wait' };

export type ServerMessage =
  | { readonly type: 'status'; readonly status: RunStatus }
  | { readonly type: 'welcome'; readonly state: FeedState }
  /** After a welcome: every update of the run, the last one `finished`. */
  | FeedUpdate
  /** Answers `wait` (also a FeedUpdate). */
  | { readonly type: 'finished'; readonly result: RunResult }
  | { readonly type: 'reply'; readonly id: number; readonly reply: CommandReply }
  | { readonly type: 'error'; readonly message: string };
