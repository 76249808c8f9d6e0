// Reference probe: the work B's three workers do per event, each phase alone, in one process and
// without the framework: the in-place importer's fill (every field of slot i of ring 1 set to the
// counter), the filter's copy (slot i of ring 1, metadata included, into slot i of ring 2) and
// the checking exporter's check (its code per event, on slot i of ring 2). Rings of `slots` slots
// laid out as a buffer of `fields` f4 columns of `length` elements (b-workload-steps.ts).
// argv: <f4 per field> <fields> <slots> <events>
import {
  copyEvent,
  EventCheck,
  fillEvent,
  getBFieldNames,
  getBLayout,
  makeRing,
  type BSlot,
} from './b-workload-steps.js';
import { getCountArg, sendReady, sendResult, startParentWatchdog } from './protocol.js';

startParentWatchdog();
const length = getCountArg(0, '<f4 per field>');
const fieldCount = getCountArg(1, '<fields>');
const slots = getCountArg(2, '<slots>');
const events = getCountArg(3, '<events>');
const names = getBFieldNames(fieldCount);
const layout = getBLayout(length, fieldCount, slots);
const raw = makeRing(layout, new ArrayBuffer(layout.slotSize * slots));
const filtered = makeRing(layout, new ArrayBuffer(layout.slotSize * slots));

function fill(count: number): void {
  for (let i = 0; i < count; i++) fillEvent(raw[i % slots] as BSlot, names, i);
}

function copy(count: number): void {
  for (let i = 0; i < count; i++) copyEvent(raw[i % slots] as BSlot, filtered[i % slots] as BSlot);
}

/** The check of every event, with the loop index as the counter. */
function check(count: number): number {
  const eventCheck = new EventCheck(names, count);
  for (let i = 0; i < count; i++) eventCheck.check(filtered[i % slots] as BSlot, i);
  // Keeps every count alive (a slot holds the last of its events, so most values are "wrong").
  return eventCheck.faults + eventCheck.halfwayMs + eventCheck.lastReceivedMs;
}

function cpuMicroseconds(work: () => unknown): number {
  const start = process.cpuUsage();
  work();
  const { user, system } = process.cpuUsage(start);
  return user + system;
}

// Touch every page of both rings and warm the loops up before timing: a few rounds, so that the
// compiler is done with the per-event steps and with the loops around them.
const warmUp = Math.max(slots * 4, Math.min(events, 20 * slots));
for (let round = 0; round < 3; round++) {
  fill(warmUp);
  copy(warmUp);
  check(warmUp);
}
sendReady();
const fillUs = cpuMicroseconds(() => fill(events));
const copyUs = cpuMicroseconds(() => copy(events));
const checkUs = cpuMicroseconds(() => check(events));
sendResult({
  events,
  slot_bytes: layout.slotSize,
  fill_cpu_us_per_event: fillUs / events,
  copy_cpu_us_per_event: copyUs / events,
  check_cpu_us_per_event: checkUs / events,
});
