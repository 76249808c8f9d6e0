import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readExportFile } from './export-files.js';
import type { CaseOutcome } from './run-case.js';
import { VALUES_PER_PROCESS } from './workers.js';

/** What one chaos run comes to: its figures, and every way it went wrong. */
export interface CaseFigures {
  readonly kills: number;
  /** Events an exporter should have got and did not, beyond those undeliverable or overwritten. */
  readonly lost: number;
  /** Events received more than once (at least once delivery). */
  readonly duplicates: number;
  readonly redelivered: number;
  readonly undeliverable: number;
  readonly overwritten: number;
  /** Slots not free after the run. */
  readonly leaks: number;
  readonly problems: readonly string[];
}

function readLedger(path: string): number[] {
  const bytes = readFileSync(path);
  const values = new Float64Array(bytes.buffer, bytes.byteOffset, Math.floor(bytes.length / 8));
  return [...values];
}

/** The last row of stats.csv, column -> value. */
function lastStatsRow(runDir: string): Map<string, number> | undefined {
  let lines: string[];
  try {
    lines = readFileSync(join(runDir, 'stats.csv'), 'utf8').trim().split('\n');
  } catch {
    return undefined;
  }
  const header = (lines[0] ?? '').split(',');
  const cells = (lines.at(-1) ?? '').split(',');
  return new Map(header.map((name, i) => [name, Number(cells[i])]));
}

/** Checks a finished chaos run against its ledgers, its statistics and what it left behind. */
export function verifyCase(outcome: CaseOutcome): CaseFigures {
  const problems: string[] = [];
  const { chaos, runDir } = outcome;
  const figures = {
    kills: outcome.kills.length,
    lost: 0,
    duplicates: 0,
    redelivered: 0,
    undeliverable: 0,
    overwritten: 0,
    leaks: 0,
  };
  if (outcome.hung) problems.push('did not end by itself');
  for (const left of outcome.leftovers) problems.push(`left behind: ${left}`);
  if (outcome.exitCode === 2) {
    // The start failed (a kill while the workers started): nothing may have run or stayed.
    if (!outcome.kills.some((kill) => kill.at < 0)) problems.push(`exit 2 without a kill during the start`);
    return { ...figures, problems };
  }
  if (runDir === undefined) return { ...figures, problems: [...problems, 'no run directory announced'] };
  const stats = lastStatsRow(runDir);
  if (stats === undefined) return { ...figures, problems: [...problems, 'no stats.csv'] };

  const buffers = chaos.setup['Buffers'] as Record<string, { slot_count: number }>;
  const of = (buffer: string, column: string) => stats.get(`buffer.${buffer}.${column}`) ?? 0;
  for (const [name, spec] of Object.entries(buffers)) {
    figures.redelivered += of(name, 'redelivered');
    figures.undeliverable += of(name, 'undeliverable');
    figures.overwritten += of(name, 'overwritten');
    const leaks = Math.round((1 - of(name, 'free')) * spec.slot_count);
    if (leaks > 0) problems.push(`buffer '${name}': ${leaks} slots not free at the end`);
    figures.leaks += leaks;
  }

  const files = readdirSync(runDir);
  const values = (kind: string, worker: string) =>
    files
      .filter((file) => file.startsWith(`ledger.${kind}.${worker}.`))
      .flatMap((file) => readLedger(join(runDir, file)));
  const committed = new Set(chaos.importers.flatMap((worker) => values('committed', worker)));
  // A life's last commit may be unwritten (it died, or was stopped, right after): the value after
  // the last one it wrote down is accepted as committed.
  const lastOfLife = new Map<number, number>();
  for (const value of committed) {
    const pid = Math.floor(value / VALUES_PER_PROCESS);
    lastOfLife.set(pid, Math.max(lastOfLife.get(pid) ?? -1, value));
  }
  const isUnwrittenLast = (value: number) => {
    const pid = Math.floor(value / VALUES_PER_PROCESS);
    return value === (lastOfLife.get(pid) ?? pid * VALUES_PER_PROCESS - 1) + 1;
  };

  for (const path of chaos.paths) {
    const received =
      path.file === undefined ? values('received', path.exporter) : readExportFile(runDir, path.file);
    const unique = new Set(received);
    const redelivered = path.buffers.reduce((sum, b) => sum + of(b, 'redelivered'), 0);
    const duplicates = received.length - unique.size;
    figures.duplicates += duplicates;
    if (duplicates > redelivered)
      problems.push(
        `'${path.exporter}' got ${duplicates} duplicates, more than the ${redelivered} redelivered`,
      );
    const phantoms = [...unique].filter((v) => !committed.has(v) && !isUnwrittenLast(v));
    if (phantoms.length > 0)
      problems.push(`'${path.exporter}' got ${phantoms.length} values never committed`);
    const expected = [...committed].filter(path.keeps);
    const missing = expected.filter((v) => !unique.has(v)).length;
    const allowed = path.buffers.reduce((sum, b) => sum + of(b, 'undeliverable') + of(b, 'overwritten'), 0);
    const lost = Math.max(0, missing - allowed);
    if (lost > 0)
      problems.push(
        `'${path.exporter}' misses ${missing} events, only ${allowed} undeliverable or overwritten: ${lost} lost`,
      );
    figures.lost += lost;
  }

  const landed = outcome.kills.length > 0;
  if (outcome.exitCode === 0 && landed && !chaos.restarts)
    problems.push('exit 0 although a worker was killed');
  if (outcome.exitCode === 0 && figures.undeliverable > 0) problems.push('exit 0 with undeliverable events');
  if (outcome.exitCode !== 0 && outcome.exitCode !== 1) problems.push(`exit code ${outcome.exitCode}`);
  if (outcome.exitCode === 1 && !landed) problems.push('exit 1 without a kill');
  return { ...figures, problems };
}
