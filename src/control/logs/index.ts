export { CONTROL_LOG_FILE, ControlLog } from './control-log.js';
export { LogFollower, type LogFollowerOptions } from './log-follower.js';
export { parseLogLine, type LogLine } from './log-line.js';
