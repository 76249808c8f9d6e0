// Reference probe of F, writer side: writes `events` 8-byte timestamps (performance.timeOrigin +
// performance.now(), ms) to a FIFO at `rate` Hz, one write each, paced like F's importer; after a
// hiccup of more than one period it goes on from now. Then the end marker (-1).
// argv: <fifo> <events> <rate hz>
import { closeSync, constants, openSync, writeSync } from 'node:fs';
import { Pacer } from './pacer.js';
import {
  awaitGo,
  cpuSecondsSince,
  getCountArg,
  getStringArg,
  nowMs,
  sendReady,
  sendResult,
  startParentWatchdog,
} from './protocol.js';

startParentWatchdog();
const path = getStringArg(0, '<fifo>');
const events = getCountArg(1, '<events>');
const periodMs = 1000 / getCountArg(2, '<rate hz>');
const fd = openSync(path, constants.O_RDWR);
sendReady();
awaitGo();
const cpuStart = process.cpuUsage();
const startMs = performance.now();
const firstWriteMs = nowMs();
const resets = writeTimestamps(fd, events);
const rateHz = ((events - 1) * 1000) / (performance.now() - startMs);
const cpuSeconds = cpuSecondsSince(cpuStart);
closeSync(fd);
sendResult({
  events,
  first_commit_ms: firstWriteMs,
  cpu_s: cpuSeconds,
  rate_hz: rateHz,
  late_resets: resets,
  clock_offset_ms: nowMs() - Number(process.hrtime.bigint()) / 1e6,
});

function writeTimestamps(target: number, count: number): number {
  const bytes = Buffer.alloc(8);
  const value = new Float64Array(bytes.buffer, bytes.byteOffset, 1);
  const pacer = new Pacer();
  let resets = 0;
  let dueMs = performance.now();
  for (let i = 0; i < count; i++) {
    const now = pacer.waitUntil(dueMs);
    if (now - dueMs > periodMs) {
      dueMs = now;
      resets++;
    }
    value[0] = nowMs();
    writeSync(target, bytes, 0, 8);
    dueMs += periodMs;
  }
  value[0] = -1;
  writeSync(target, bytes, 0, 8);
  return resets;
}
