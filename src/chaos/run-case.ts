import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { DEFAULT_BUFFER_ROOT } from '../control/run/buffer-directory.js';
import { hasPdeathsig, withPdeathsig } from '../control/supervision/parent-watch.js';
import { processesWithEnv, workerProcesses } from './processes.js';
import { between, pick, randomFrom } from './random.js';
import { makeChaosSetup, type ChaosSetup } from './shapes.js';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const TAG = 'MIMOCORB2_CHAOS_TAG';

/** A kill -9 that hit a worker process. */
export interface Kill {
  readonly worker: string;
  readonly index: number;
  readonly pid: number;
  /** Seconds after the run directory was announced (negative: while the workers started). */
  readonly at: number;
}

/** One chaos run as it happened, before its figures are checked. */
export interface CaseOutcome {
  readonly seed: number;
  readonly chaos: ChaosSetup;
  readonly kills: readonly Kill[];
  readonly exitCode: number | null;
  /** The run did not end within the deadline (it was then killed). */
  readonly hung: boolean;
  readonly seconds: number;
  readonly runDir: string | undefined;
  readonly stdout: string;
  readonly stderr: string;
  /** What the run left: processes alive and buffer directories, after it ended. */
  readonly leftovers: readonly string[];
  readonly targetDir: string;
}

export interface CaseOptions {
  /** A run that takes longer is a failure (a hang). @default 90 */
  readonly deadlineS?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs one chaos case: a random setup (from `seed`), and one or two kill -9 of a random process of
 * a random worker at random moments (sometimes while the workers start), until the run ends by
 * itself or the deadline passes.
 */
export async function runCase(seed: number, options: CaseOptions = {}): Promise<CaseOutcome> {
  const random = randomFrom(seed);
  const chaos = makeChaosSetup(random);
  const targetDir = mkdtempSync(join(tmpdir(), 'mimocorb2-chaos-'));
  const setupFile = join(targetDir, 'setup.yaml');
  writeFileSync(setupFile, stringify(chaos.setup));
  const killCount = random() < 0.3 ? 2 : 1;
  const duringStart = random() < 0.1;
  const moments = Array.from({ length: killCount }, () => random() * 0.9 * chaos.importSeconds).sort(
    (a, b) => a - b,
  );
  const choices = Array.from({ length: killCount }, () => random());

  const tag = `${process.pid}-${seed}`;
  const args = [CLI, 'run', setupFile, '--ui', 'none', '--target-dir', targetDir, '--grace', '1'];
  const { command, args: argv } = hasPdeathsig() ? withPdeathsig(args) : { command: process.execPath, args };
  const child = spawn(command, argv, {
    env: { ...process.env, [TAG]: tag },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  let hasExited = false;
  void exited.then(() => (hasExited = true));
  const started = performance.now();
  const deadline = started + (options.deadlineS ?? 90) * 1000;

  const kills: Kill[] = [];
  const killOne = (choice: number, at: number): void => {
    const live = workerProcesses(processesWithEnv(TAG, tag));
    if (live.length === 0) return;
    const workers = [...new Set(live.map((p) => p.worker))].sort();
    const worker = workers[Math.floor(choice * workers.length)] as string;
    const own = live.filter((p) => p.worker === worker);
    const target = pick(randomFrom(Math.floor(choice * 2 ** 31)), own);
    try {
      process.kill(target.pid, 'SIGKILL');
      kills.push({ worker: target.worker, index: target.index, pid: target.pid, at });
    } catch {
      // It ended by itself meanwhile.
    }
  };

  // While the workers start: as soon as some exist, before the run is announced.
  if (duringStart) {
    while (!hasExited && performance.now() < deadline && !stdout.includes('run directory: ')) {
      if (workerProcesses(processesWithEnv(TAG, tag)).length >= 2) {
        killOne(choices[0] as number, -1);
        break;
      }
      await sleep(between(random, 5, 50));
    }
  }
  while (!hasExited && !stdout.includes('run directory: ') && performance.now() < deadline) await sleep(10);
  const announced = performance.now();
  for (const [k, moment] of moments.entries()) {
    if (duringStart && k === 0) continue;
    while (!hasExited && performance.now() < announced + moment * 1000) await sleep(5);
    if (hasExited) break;
    killOne(choices[k] as number, (performance.now() - announced) / 1000);
  }
  while (!hasExited && performance.now() < deadline) await sleep(20);
  const hung = !hasExited;
  if (hung) child.kill('SIGKILL');
  const exitCode = await exited;
  const seconds = (performance.now() - started) / 1000;

  const leftovers: string[] = [];
  for (const pid of processesWithEnv(TAG, tag)) leftovers.push(`process ${pid}`);
  const controlPid = child.pid ?? -1;
  for (const entry of safeList(DEFAULT_BUFFER_ROOT))
    if (entry.endsWith(`_${controlPid}`))
      leftovers.push(`buffer directory ${join(DEFAULT_BUFFER_ROOT, entry)}`);
  if (hung) for (const pid of processesWithEnv(TAG, tag)) process.kill(pid, 'SIGKILL');

  const runDir = /^run directory: (.+)$/m.exec(stdout)?.[1];
  return { seed, chaos, kills, exitCode, hung, seconds, runDir, stdout, stderr, leftovers, targetDir };
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Removes what a case made (its target directory with the run directory and the ledgers). */
export function removeCase(outcome: CaseOutcome): void {
  rmSync(outcome.targetDir, { recursive: true, force: true });
}
