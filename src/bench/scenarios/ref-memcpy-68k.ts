import type { RunContext, RunMeasurement, Scenario } from '../types.js';
import { B_EVENT_BYTES, B_SLOTS } from './b-chain-68k.js';
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
 * per event of the importer's fill, the filter's copy and the exporter's check.
 */
export const memcpy68k: Scenario = {
  name: 'ref-memcpy-68k',
  title: `reference: copies of ${B_EVENT_BYTES} bytes between two ${B_SLOTS}-slot rings in one process`,
  defaultEvents: 20_000,
  runOnce: async (context: RunContext): Promise<RunMeasurement> => {
    const { events } = context;
    const { seconds, bufferCopySeconds, hotSeconds } = await runMemcpyProbe(context, B_EVENT_BYTES, B_SLOTS);
    const workload = await runBWorkloadProbe(context, B_SLOTS);
    return {
      events,
      seconds,
      extras: {
        gb_per_s: gigabytesPerSecond(events, seconds),
        buffer_copy_gb_per_s: gigabytesPerSecond(events, bufferCopySeconds),
        buffer_copy_copies_per_s: events / bufferCopySeconds,
        hot_gb_per_s: gigabytesPerSecond(events, hotSeconds),
        hot_copies_per_s: events / hotSeconds,
        ...workload,
      },
    };
  },
};
