// The campaign's checker must see a loss, a phantom, a duplicate without redelivery and a leak.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CaseOutcome } from '../../../src/chaos/run-case.js';
import type { ChaosSetup } from '../../../src/chaos/shapes.js';
import { verifyCase } from '../../../src/chaos/verify.js';
import { ledgerName, VALUES_PER_PROCESS } from '../../../src/chaos/workers.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const PID = 4242;
const BASE = PID * VALUES_PER_PROCESS;
const CHAOS: ChaosSetup = {
  description: 'chain',
  setup: { Buffers: { raw: { slot_count: 8 } }, Workers: {} },
  paths: [{ exporter: 'store', buffers: ['raw'], keeps: () => true }],
  importers: ['source'],
  importSeconds: 1,
  restarts: false,
};

/** A finished run whose importer committed `committed`, whose exporter got `received`, with raw's figures. */
function outcomeOf(
  committed: number[],
  received: number[],
  raw: { redelivered?: number; undeliverable?: number; free?: number } = {},
): CaseOutcome {
  const runDir = mkdtempSync(join(tmpdir(), 'mimocorb2-verify-'));
  dirs.push(runDir);
  writeFileSync(join(runDir, ledgerName('committed', 'source', 0, PID)), new Float64Array(committed));
  writeFileSync(join(runDir, ledgerName('received', 'store', 0, 7)), new Float64Array(received));
  writeFileSync(
    join(runDir, 'stats.csv'),
    'time,buffer.raw.redelivered,buffer.raw.undeliverable,buffer.raw.overwritten,buffer.raw.free\n' +
      `t,${raw.redelivered ?? 0},${raw.undeliverable ?? 0},0,${raw.free ?? 1}\n`,
  );
  return {
    seed: 1,
    chaos: CHAOS,
    kills: [{ worker: 'store', index: 0, pid: 7, at: 0.5 }],
    exitCode: 1,
    hung: false,
    seconds: 1,
    runDir,
    stdout: '',
    stderr: '',
    leftovers: [],
    targetDir: runDir,
  };
}

const values = (n: number) => Array.from({ length: n }, (_, i) => BASE + i);

describe('verifyCase', () => {
  it('finds nothing wrong when every committed event arrived', () => {
    expect(verifyCase(outcomeOf(values(10), values(10))).problems).toEqual([]);
  });

  it('accepts the last commit of a life that was not written down, and nothing else', () => {
    expect(verifyCase(outcomeOf(values(10), values(11))).problems).toEqual([]);
    expect(verifyCase(outcomeOf(values(10), [...values(10), BASE + 12])).problems).toEqual([
      "'store' got 1 values never committed",
    ]);
  });

  it('counts missing events as lost unless they are undeliverable', () => {
    const lost = verifyCase(outcomeOf(values(10), values(8)));
    expect(lost.lost).toBe(2);
    expect(lost.problems).toEqual(["'store' misses 2 events, only 0 undeliverable or overwritten: 2 lost"]);
    expect(verifyCase(outcomeOf(values(10), values(8), { undeliverable: 2 })).problems).toEqual([]);
  });

  it('allows as many duplicates as redeliveries, and sees leaked slots', () => {
    const twice = [...values(10), BASE + 3, BASE + 4];
    expect(verifyCase(outcomeOf(values(10), twice, { redelivered: 2 })).problems).toEqual([]);
    expect(verifyCase(outcomeOf(values(10), twice, { redelivered: 1 })).problems).toEqual([
      "'store' got 2 duplicates, more than the 1 redelivered",
    ]);
    expect(verifyCase(outcomeOf(values(10), values(10), { free: 0.75 })).problems).toEqual([
      "buffer 'raw': 2 slots not free at the end",
    ]);
  });
});
