// Scenario D, writer side: puts `events` events into an existing buffer through the real Writer.
// Event i carries the value i in its first (f8) field and counter i, so the reader can check them.
// argv: <buffer file> <events>
import { RingBuffer, Writer } from '../../buffer/index.js';
import {
  awaitGo,
  failChild,
  getCountArg,
  getStringArg,
  nowMs,
  sendReady,
  sendResult,
  startParentWatchdog,
} from './protocol.js';
import { EventWindow } from './event-window.js';

startParentWatchdog();
const path = getStringArg(0, '<buffer file>');
const events = getCountArg(1, '<events>');
const buffer = RingBuffer.open(path);
const field = buffer.layout.fields[0];
if (field?.dtype.descr !== '<f8') failChild(`${path}: the first field must be f8, got ${field?.dtype.descr}`);
const writer = new Writer(buffer);
const eventWindow = new EventWindow();
sendReady();
awaitGo();
eventWindow.open();
const firstCommitMs = writeEvents(writer, field.name, events);
writer.close();
const figures = eventWindow.close();
buffer.close();
sendResult({ events, first_commit_ms: firstCommitMs, ...figures });

/** The hot loop: no allocation per event. Returns the time of the first commit. */
function writeEvents(target: Writer, fieldName: string, count: number): number {
  let firstCommitMs = 0;
  for (let i = 0; i < count; i++) {
    const slot = target.acquire();
    if (slot === null) failChild(`the buffer asked writers to stop after ${i} of ${count} events`);
    (slot.data[fieldName] as Float64Array)[0] = i;
    slot.metadata.set3(i, nowMs() / 1000, 0);
    target.commit();
    if (i === 0) firstCommitMs = nowMs();
  }
  return firstCommitMs;
}
