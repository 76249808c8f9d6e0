export { CONTROL_LOG_NAME, RunFeed, type FeedState, type FeedUpdate } from './run-feed.js';
export { describeRun, type RunInfo } from './run-info.js';
export { SERIES_HISTORY_S, SeriesHistory, type SeriesHistoryData } from './series-history.js';
export {
  describeRunCommand,
  executeRunCommand,
  parseRunCommand,
  RUN_COMMAND_TYPES,
  type CommandReply,
  type RunCommand,
} from './run-command.js';
export { runState, runStatus, type RunState, type RunStatus } from './run-status.js';
