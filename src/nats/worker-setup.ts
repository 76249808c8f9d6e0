import type { BufferIO } from '../templates/index.js';
import { failSetup } from '../templates/index.js';
import { resolveNatsConfig, type ResolvedNatsConfig } from './config/index.js';

/** The worker's NATS config, or a WorkerSetupError listing every key that is wrong. */
export function readNatsConfig(io: BufferIO, bufferName: string, functionName: string): ResolvedNatsConfig {
  const { config, problems } = resolveNatsConfig(io.config, bufferName, io.setupDir);
  if (problems.length === 0) return config;
  const lines = problems.map((problem) => `  config.${problem.key}: ${problem.message}`);
  throw failSetup(
    io,
    `worker '${io.name}' (${functionName}): its config has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}:\n${lines.join('\n')}`,
  );
}

/** Writes a line to the worker's log (the TUI's Logs tab). */
export function logLine(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** `1.23 s of CPU` used since `start` (a worker's last log line says what its data path cost). */
export function cpuText(start: NodeJS.CpuUsage): string {
  const { user, system } = process.cpuUsage(start);
  return `${((user + system) / 1e6).toFixed(2)} s of CPU`;
}
