// Reference probe of F, reader side: reads the writer's timestamps one blocking read at a time
// (each read returns what is waiting), records arrival time minus timestamp for each, and reports
// the percentiles as F's exporter does.
// argv: <fifo> <events>
import { closeSync, constants, openSync, readSync } from 'node:fs';
import {
  clockOffsetMs,
  cpuSecondsSince,
  failChild,
  getCountArg,
  getStringArg,
  nowMs,
  runQueueMs,
  sendReady,
  sendResult,
  startParentWatchdog,
} from './protocol.js';

const READ_VALUES = 512;

startParentWatchdog();
const path = getStringArg(0, '<fifo>');
const events = getCountArg(1, '<events>');
const fd = openSync(path, constants.O_RDWR);
sendReady();
const cpuStart = process.cpuUsage();
const queuedMs = runQueueMs();
const { latenciesMs, received, lastReceivedMs } = readTimestamps(fd, events);
const cpuSeconds = cpuSecondsSince(cpuStart);
closeSync(fd);
if (received !== events) failChild(`received ${received} timestamps, expected ${events}`);
latenciesMs.sort();
const at = (q: number): number => latenciesMs[Math.min(events - 1, Math.floor(q * events))] as number;
sendResult({
  events: received,
  last_received_ms: lastReceivedMs,
  cpu_s: cpuSeconds,
  runqueue_ms: runQueueMs() - queuedMs,
  latency_p50_ms: at(0.5),
  latency_p99_ms: at(0.99),
  latency_p999_ms: at(0.999),
  latency_max_ms: latenciesMs[events - 1] as number,
  clock_offset_ms: clockOffsetMs(),
});

function readTimestamps(source: number, expected: number) {
  const bytes = Buffer.alloc(READ_VALUES * 8);
  const values = new Float64Array(bytes.buffer, bytes.byteOffset, READ_VALUES);
  const latenciesMs = new Float64Array(expected);
  let received = 0;
  let lastReceivedMs = 0;
  for (;;) {
    // 8-byte writes stay whole in a pipe, so a read returns whole values.
    const count = readSync(source, bytes, 0, bytes.length, null) >>> 3;
    const arrivedMs = nowMs();
    for (let k = 0; k < count; k++) {
      const sentMs = values[k] as number;
      if (sentMs < 0) return { latenciesMs, received, lastReceivedMs };
      if (received < expected) latenciesMs[received] = arrivedMs - sentMs;
      received++;
      lastReceivedMs = arrivedMs;
    }
  }
}
