export { CONTROL_LOG_FILE, ControlLog } from './control-log.js';
export { LogFollower, type LogFollowerOptions } from './log-follower.js';
export { isErrorNotice, parseLogLine, type LogLine } from './log-line.js';
export { appendLogLines, LOG_LINES_KEPT } from './log-list.js';
