// Reference probe: the work B's three workers do per event, each phase alone, in one process and
// without the framework: the in-place importer's fill (every field of slot i of ring 1 set to the
// counter), the filter's copy (slot i of ring 1, metadata included, into slot i of ring 2) and
// the checking exporter's check (its code per event, on slot i of ring 2). Rings of `slots` slots
// laid out as a buffer of `fields` f4 columns of `length` elements (computeLayout).
// argv: <f4 per field> <fields> <slots> <events>
import { computeLayout } from '../../buffer/layout.js';
import { getCountArg, sendReady, sendResult, startParentWatchdog } from './protocol.js';

startParentWatchdog();
const length = getCountArg(0, '<f4 per field>');
const fieldCount = getCountArg(1, '<fields>');
const slots = getCountArg(2, '<slots>');
const events = getCountArg(3, '<events>');
const names = Array.from({ length: fieldCount }, (_, i) => `ch${i + 1}`);
const layout = computeLayout({
  name: 'b-workload',
  slotCount: slots,
  dataLength: length,
  fields: Object.fromEntries(names.map((name) => [name, 'f4'])),
});

type Slot = { readonly bytes: Uint8Array; readonly data: Readonly<Record<string, Float32Array>> };

function makeRing(): Slot[] {
  const memory = new ArrayBuffer(layout.slotSize * slots);
  return Array.from({ length: slots }, (_, i) => {
    const start = i * layout.slotSize;
    const data: Record<string, Float32Array> = {};
    for (const field of layout.fields)
      data[field.name] = new Float32Array(memory, start + field.offset, field.elements);
    return { bytes: new Uint8Array(memory, start, layout.slotSize), data: Object.freeze(data) };
  });
}

const raw = makeRing();
const filtered = makeRing();

function fill(count: number): void {
  for (let i = 0; i < count; i++) {
    const data = (raw[i % slots] as Slot).data;
    for (const name of names) (data[name] as Float32Array).fill(i);
  }
}

function copy(count: number): void {
  for (let i = 0; i < count; i++) {
    const slot = i % slots;
    (filtered[slot] as Slot).bytes.set((raw[slot] as Slot).bytes);
  }
}

/** checkingExporter's code per event (worker-module.ts), with the loop index as the counter. */
function check(count: number): number {
  const seen = new Uint8Array(count);
  let received = 0,
    duplicates = 0,
    outOfRange = 0,
    wrongValues = 0,
    outOfOrder = 0;
  const halfway = Math.ceil(count / 2);
  let halfwayMs = 0;
  let lastReceivedMs = 0;
  for (let i = 0; i < count; i++) {
    const data = (filtered[i % slots] as Slot).data;
    const counter = i;
    if (counter >= 0 && counter < count) {
      if (seen[counter] === 1) duplicates++;
      else seen[counter] = 1;
    } else outOfRange++;
    for (const name of names) {
      const values = data[name] as Float32Array;
      if (values[0] !== counter || values[values.length - 1] !== counter) wrongValues++;
    }
    if (counter !== received) outOfOrder++;
    received++;
    if (received === halfway) halfwayMs = performance.now();
    if (received === count) lastReceivedMs = performance.now();
  }
  // Keeps every count alive (a slot holds the last of its events, so most values are "wrong").
  return duplicates + outOfRange + wrongValues + outOfOrder + halfwayMs + lastReceivedMs;
}

function cpuMicroseconds(work: () => unknown): number {
  const start = process.cpuUsage();
  work();
  const { user, system } = process.cpuUsage(start);
  return user + system;
}

// Touch every page of both rings and warm the loops up before timing.
const warmUp = Math.max(slots * 4, Math.min(events, 20 * slots));
fill(warmUp);
copy(warmUp);
check(warmUp);
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
