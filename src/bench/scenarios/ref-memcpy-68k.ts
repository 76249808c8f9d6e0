import type { RunContext, RunMeasurement, Scenario } from '../types.js';
import { B_EVENT_BYTES, B_SLOTS } from './b-chain-68k.js';
import { runBFloorProbe } from './b-floor-probe.js';
import { B_FLOOR_PROCESSES, getFloorCost, getFloorKey } from './b-framework-cost.js';
import { runBWorkloadProbe } from './b-workload-probe.js';
import { runMemcpyProbe } from './memcpy-probe.js';

function gigabytesPerSecond(copies: number, seconds: number): number {
  return (copies * B_EVENT_BYTES) / seconds / 1e9;
}

/**
 * The reference probe of B: copies of 68 kB events in one process, slot i of one 128-slot ring
 * into slot i of another (what B's filter copies per event), with Uint8Array.set. Its events/s
 * are copies/s; extras give GB/s, Buffer.copy, and one event copied over and over (cache-hot).
 * Then, in a second process, B's per-event work without the framework, each phase alone: CPU µs
 * per event of the importer's fill, the filter's copy and the exporter's check. Then B's floor:
 * that work in three processes over a shared file, FIFO tokens written 64 at a time, no framework
 * (`floor_<process>_cpu_us_per_event`, `floor_events_per_s`), and its cost beyond the work alone
 * (`floor_us_per_event`, `floor_share`, as B's `framework_*`).
 */
export const memcpy68k: Scenario = {
  name: 'ref-memcpy-68k',
  title: `reference: copies of ${B_EVENT_BYTES} bytes between two ${B_SLOTS}-slot rings in one process; B's work alone and in 3 processes`,
  defaultEvents: 20_000,
  runOnce: async (context: RunContext): Promise<RunMeasurement> => {
    const { events } = context;
    const { seconds, bufferCopySeconds, hotSeconds } = await runMemcpyProbe(context, B_EVENT_BYTES, B_SLOTS);
    const workload = await runBWorkloadProbe(context, B_SLOTS);
    const floor = await runBFloorProbe(context);
    const floorExtras = Object.fromEntries(
      B_FLOOR_PROCESSES.map((name) => [getFloorKey(name), floor.cpuUsPerEvent[name]]),
    );
    const measurement = {
      events,
      seconds,
      extras: {
        gb_per_s: gigabytesPerSecond(events, seconds),
        buffer_copy_gb_per_s: gigabytesPerSecond(events, bufferCopySeconds),
        buffer_copy_copies_per_s: events / bufferCopySeconds,
        hot_gb_per_s: gigabytesPerSecond(events, hotSeconds),
        hot_copies_per_s: events / hotSeconds,
        ...workload,
        ...floorExtras,
        floor_events_per_s: events / floor.seconds,
      },
    };
    return { ...measurement, extras: { ...measurement.extras, ...getFloorCost(measurement) } };
  },
};
