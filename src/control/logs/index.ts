export { LogFollower, type LogFollowerOptions } from './log-follower.js';
export { parseLogLine, type LogLine } from './log-line.js';
