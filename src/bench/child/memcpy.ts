// Reference probe: memory bandwidth for copying whole events inside one process, the work the
// filter of chain B does per event (copy a slot of one buffer into a slot of the next). Copies
// slot i of one ring of `slots` events into slot i of another, as the buffers do, with
// Uint8Array.set (the templates' copy), then the same with Buffer.copy, then one event over and
// over (cache-hot).
// argv: <bytes per event> <slots> <copies>
import {
  cpuSecondsSince,
  getCountArg,
  nowMs,
  sendReady,
  sendResult,
  startParentWatchdog,
} from './protocol.js';

startParentWatchdog();
const eventBytes = getCountArg(0, '<bytes per event>');
const slots = getCountArg(1, '<slots>');
const copies = getCountArg(2, '<copies>');
const source = Buffer.alloc(eventBytes * slots, 1);
const target = Buffer.alloc(eventBytes * slots);
const sourceSlots = Array.from({ length: slots }, (_, i) =>
  source.subarray(i * eventBytes, (i + 1) * eventBytes),
);
const targetSlots = Array.from({ length: slots }, (_, i) =>
  target.subarray(i * eventBytes, (i + 1) * eventBytes),
);
// Touch every page and warm the loops up before timing.
copyRingWithSet(Math.min(copies, slots * 4));
copyRingWithBufferCopy(Math.min(copies, slots * 4));
sendReady();
const cpuStart = process.cpuUsage();
const setSeconds = timeSeconds(() => copyRingWithSet(copies));
const cpuSeconds = cpuSecondsSince(cpuStart);
const bufferCopySeconds = timeSeconds(() => copyRingWithBufferCopy(copies));
const hotSeconds = timeSeconds(() => copyHot(copies));
sendResult({
  events: copies,
  seconds: setSeconds,
  cpu_s: cpuSeconds,
  buffer_copy_seconds: bufferCopySeconds,
  hot_seconds: hotSeconds,
});

function timeSeconds(work: () => void): number {
  const start = nowMs();
  work();
  return (nowMs() - start) / 1000;
}

function copyRingWithSet(count: number): void {
  for (let i = 0; i < count; i++) {
    const slot = i % slots;
    (targetSlots[slot] as Buffer).set(sourceSlots[slot] as Buffer);
  }
}

function copyRingWithBufferCopy(count: number): void {
  for (let i = 0; i < count; i++) {
    const slot = i % slots;
    (sourceSlots[slot] as Buffer).copy(targetSlots[slot] as Buffer);
  }
}

function copyHot(count: number): void {
  const from = sourceSlots[0] as Buffer;
  const to = targetSlots[0] as Buffer;
  for (let i = 0; i < count; i++) to.set(from);
}
