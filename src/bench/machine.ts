import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';

/** What the figures were measured on. */
export interface MachineDescription {
  readonly cpuModel: string;
  readonly cpuCount: number;
  readonly memoryGiB: number;
  readonly node: string;
  readonly platform: string;
}

export function describeMachine(): MachineDescription {
  return {
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown CPU',
    cpuCount: availableParallelism(),
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
}

/** The 1-minute load average now (the box is shared: say how busy it was). */
export function getLoadAverage(): number {
  return loadavg()[0] ?? 0;
}
