// Reference probe of F, writer side: writes `events` 8-byte timestamps (performance.timeOrigin +
// performance.now(), ms) to a FIFO at `rate` Hz on a fixed schedule, one write each, paced like
// F's importer (after a hiccup the timestamps that are due go at once). Then the end marker (-1).
// argv: <fifo> <events> <rate hz>
import { closeSync, constants, openSync, writeSync } from 'node:fs';
import { Pacer } from './pacer.js';
import {
  awaitGo,
  clockOffsetMs,
  cpuSecondsSince,
  getCountArg,
  getStringArg,
  nowMs,
  runQueueMs,
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
const queuedMs = runQueueMs();
const startMs = performance.now();
const firstWriteMs = nowMs();
const late = writeTimestamps(fd, events, startMs);
const rateHz = ((events - 1) * 1000) / (performance.now() - startMs);
const cpuSeconds = cpuSecondsSince(cpuStart);
closeSync(fd);
sendResult({
  events,
  first_commit_ms: firstWriteMs,
  cpu_s: cpuSeconds,
  runqueue_ms: runQueueMs() - queuedMs,
  rate_hz: rateHz,
  late_events: late,
  clock_offset_ms: clockOffsetMs(),
});

/** Returns how many timestamps went more than one period after they were due. */
function writeTimestamps(target: number, count: number, startMs: number): number {
  const bytes = Buffer.alloc(8);
  const value = new Float64Array(bytes.buffer, bytes.byteOffset, 1);
  const pacer = new Pacer();
  let late = 0;
  for (let i = 0; i < count; i++) {
    const dueMs = startMs + i * periodMs;
    if (pacer.waitUntil(dueMs) - dueMs > periodMs) late++;
    value[0] = nowMs();
    writeSync(target, bytes, 0, 8);
  }
  value[0] = -1;
  writeSync(target, bytes, 0, 8);
  return late;
}
