import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { BenchError } from './bench-error.js';
import { killProcessGroup, type CleanupRegistry } from './cleanup.js';

const READY_DEADLINE_MS = 10_000;

/** Debian installs nats-server in /usr/sbin, which is not on a user's PATH. */
const SBIN_DIRS = ['/usr/local/sbin', '/usr/sbin'];

/** The nats-server binary: on PATH, else in an sbin directory; undefined when there is none. */
export function findNatsServer(): string | undefined {
  return [...(process.env['PATH'] ?? '').split(delimiter).filter((dir) => dir !== ''), ...SBIN_DIRS]
    .map((dir) => join(dir, 'nats-server'))
    .find((path) => existsSync(path));
}

/** Why the NATS scenarios cannot run here (no nats-server), or undefined when they can. */
export function natsServerUnavailable(): string | undefined {
  return findNatsServer() === undefined
    ? 'nats-server is not installed (apt-get install nats-server; looked on PATH and in /usr/sbin)'
    : undefined;
}

/** A nats-server with JetStream for one benchmark run. */
export interface BenchNatsServer {
  readonly url: string;
  /** Kills the server and removes its store (also done by the cleanup registry). */
  stop(): void;
}

/**
 * Starts `nats-server -js` on a free port of 127.0.0.1 with a fresh store in the system's temp
 * directory (a disk, as a JetStream store would be on a lab machine), in its own process group.
 */
export async function startBenchNatsServer(cleanup: CleanupRegistry): Promise<BenchNatsServer> {
  const store = mkdtempSync(join(tmpdir(), `mimocorb2-bench-nats-${process.pid}-`));
  const child = spawn(
    findNatsServer() ?? 'nats-server',
    ['-js', '-a', '127.0.0.1', '-p', '-1', '-sd', store],
    {
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  const stop = cleanup.add(() => {
    killProcessGroup(child.pid);
    rmSync(store, { recursive: true, force: true });
  });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let text = '';
      const timer = setTimeout(
        () =>
          reject(
            new BenchError(
              `nats-server was not ready within ${READY_DEADLINE_MS / 1000} s: ${text.slice(-500)}`,
            ),
          ),
        READY_DEADLINE_MS,
      );
      child.once('error', (error) => {
        clearTimeout(timer);
        const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
        reject(
          new BenchError(
            missing
              ? 'nats-server is not installed (apt-get install nats-server): the NATS scenarios need it'
              : `nats-server could not start: ${error.message}`,
          ),
        );
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new BenchError(`nats-server ended with code ${code}: ${text.slice(-500)}`));
      });
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        text += chunk;
        const listening = /Listening for client connections on [^:]+:(\d+)/.exec(text);
        if (listening !== null && text.includes('Server is ready')) {
          clearTimeout(timer);
          child.removeAllListeners('exit');
          resolve(Number(listening[1]));
        }
      });
    });
    return { url: `nats://127.0.0.1:${port}`, stop };
  } catch (error) {
    stop();
    throw error;
  }
}
