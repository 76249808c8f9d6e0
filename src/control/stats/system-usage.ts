import { cpus, freemem, totalmem } from 'node:os';

function cpuTimes(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const { times } of cpus()) {
    const all = times.user + times.nice + times.sys + times.irq + times.idle;
    total += all;
    busy += all - times.idle;
  }
  return { busy, total };
}

/** CPU and memory of the whole machine and of this process, as differences between calls. */
export class SystemUsage {
  #lastCpu = cpuTimes();
  #lastOwn = process.cpuUsage();
  #lastTime = performance.now();

  sample(): {
    systemCpuPercent: number;
    controlCpuPercent: number;
    memUsedBytes: number;
    memTotalBytes: number;
  } {
    const cpu = cpuTimes();
    const own = process.cpuUsage();
    const now = performance.now();
    const total = cpu.total - this.#lastCpu.total;
    const systemCpuPercent = total > 0 ? (100 * (cpu.busy - this.#lastCpu.busy)) / total : 0;
    const wallMicros = (now - this.#lastTime) * 1000;
    const ownMicros = own.user - this.#lastOwn.user + own.system - this.#lastOwn.system;
    const controlCpuPercent = wallMicros > 0 ? (100 * ownMicros) / wallMicros : 0;
    this.#lastCpu = cpu;
    this.#lastOwn = own;
    this.#lastTime = now;
    const memTotalBytes = totalmem();
    return { systemCpuPercent, controlCpuPercent, memUsedBytes: memTotalBytes - freemem(), memTotalBytes };
  }
}
