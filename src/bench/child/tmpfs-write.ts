// Reference probe: how fast this machine writes new data to a file in the scratch directory
// (/dev/shm, tmpfs), the work data.export does per event of scenario MIMO-B: one pwrite of the
// event's bytes at the end of a growing file. Nothing else runs: the ceiling of MIMO-B's exporter.
// argv: <file> <bytes per event> <events>
import { closeSync, openSync, writeSync } from 'node:fs';
import {
  cpuSecondsSince,
  getCountArg,
  getStringArg,
  nowMs,
  sendReady,
  sendResult,
  startParentWatchdog,
} from './protocol.js';

startParentWatchdog();
const file = getStringArg(0, '<file>');
const eventBytes = getCountArg(1, '<bytes per event>');
const events = getCountArg(2, '<events>');
const event = Buffer.alloc(eventBytes, 1);
const fd = openSync(file, 'w');
sendReady();
const cpuStart = process.cpuUsage();
const start = nowMs();
for (let i = 0, position = 0; i < events; i++) {
  for (let done = 0; done < eventBytes;)
    done += writeSync(fd, event, done, eventBytes - done, position + done);
  position += eventBytes;
}
const seconds = (nowMs() - start) / 1000;
closeSync(fd);
sendResult({ events, seconds, cpu_s: cpuSecondsSince(cpuStart) });
