import type { RingBuffer } from '../buffer/index.js';
import type { BufferIO } from '../templates/index.js';
import { failSetup } from '../templates/index.js';
import { resolveNatsConfig, type ResolvedNatsConfig } from './config/index.js';
import { openStream, type OpenStream } from './open-stream.js';
import type { MemberRole } from './registry-records.js';
import { wireLayoutOf, type WireLayout } from './wire-layout.js';

/** A NATS worker's config, the layout of its buffer on the wire, and its stream. */
export interface NatsWorker {
  readonly config: ResolvedNatsConfig;
  readonly wire: WireLayout;
  readonly stream: OpenStream;
}

/**
 * The start of both NATS workers: reads the config, connects and checks the stream against the
 * buffer that crosses hosts, then tells control it is ready. Without connect_retry every problem
 * shows before the run starts (exit code 2); with it the server may come later, so the worker is
 * ready at once and a problem found then fails the run (exit code 1).
 */
export async function startNatsWorker(
  io: BufferIO,
  role: MemberRole,
  ring: RingBuffer,
  functionName: string,
): Promise<NatsWorker> {
  const config = readNatsConfig(io, ring.name, functionName);
  const wire = wireLayoutOf(ring.layout);
  if (config.connectRetryS > 0) io.ready();
  const stream = await openStream(config, {
    role,
    worker: io.name,
    processIndex: io.processIndex,
    bufferName: ring.name,
    wire,
    log: logLine,
  });
  io.ready();
  return { config, wire, stream };
}

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
