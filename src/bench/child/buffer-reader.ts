// Scenario D, reader side: takes events from an existing buffer through the real Reader until end
// of stream, checks that event i (counter and value) arrives as the i-th, exactly once, and
// records when the last expected event arrived.
// argv: <buffer file> <events>
import { Reader, RingBuffer } from '../../buffer/index.js';
import {
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
const reader = new Reader(buffer);
const eventWindow = new EventWindow();
sendReady();
eventWindow.open();
const { received, sum, lastReceivedMs } = readEvents(reader, field.name, events);
const figures = eventWindow.close();
buffer.close();
const expectedSum = (events * (events - 1)) / 2;
if (received !== events || sum !== expectedSum) {
  failChild(`received ${received} events with sum ${sum}; expected ${events} with sum ${expectedSum}`);
}
sendResult({
  events: received,
  last_received_ms: lastReceivedMs,
  ...figures,
});

/** The hot loop: no allocation per event. One writer and one reader keep commit order, so event i is i. */
function readEvents(source: Reader, fieldName: string, expected: number) {
  let received = 0;
  let sum = 0;
  let lastReceivedMs = 0;
  for (let slot = source.next(); slot !== null; slot = source.next()) {
    const value = (slot.data[fieldName] as Float64Array)[0] as number;
    const counter = slot.metadata.counter;
    if (counter !== received || value !== received) {
      failChild(
        `event number ${received} arrived with counter ${counter} and value ${value} (lost, duplicated or reordered)`,
      );
    }
    sum += value;
    received++;
    if (received === expected) lastReceivedMs = nowMs();
  }
  return { received, sum, lastReceivedMs };
}
