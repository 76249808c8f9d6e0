import { randomFrom } from './random.js';
import { removeCase, runCase, type CaseOutcome } from './run-case.js';
import { verifyCase, type CaseFigures } from './verify.js';

/** One run of a campaign, with its figures. */
export interface CaseResult {
  readonly outcome: CaseOutcome;
  readonly figures: CaseFigures;
}

export interface CampaignOptions {
  readonly runs: number;
  /** The campaign's seed: run k uses a seed drawn from it, printed with the run. */
  readonly seed: number;
  /** Keep the run directories of failed runs (their ledgers, logs and stats.csv). */
  readonly keepFailed?: boolean;
  readonly deadlineS?: number;
  /** Called after each run. */
  readonly onCase?: (result: CaseResult, index: number) => void;
}

/** The seed of run `index` of a campaign: `--seed <it> --runs 1` replays that run alone. */
export function caseSeed(campaignSeed: number, index: number): number {
  if (index === 0) return campaignSeed;
  const random = randomFrom(campaignSeed);
  let seed = 0;
  for (let k = 0; k < index; k++) seed = Math.floor(random() * 2 ** 31);
  return seed;
}

/** Runs the chaos cases one after the other (the machine has few cores) and checks each. */
export async function runCampaign(options: CampaignOptions): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (let index = 0; index < options.runs; index++) {
    const outcome = await runCase(caseSeed(options.seed, index), { deadlineS: options.deadlineS });
    const figures = verifyCase(outcome);
    if (figures.problems.length === 0 || options.keepFailed !== true) removeCase(outcome);
    const result = { outcome, figures };
    results.push(result);
    options.onCase?.(result, index);
  }
  return results;
}

/** The campaign's figures. */
export interface CampaignTotals {
  readonly runs: number;
  readonly failed: number;
  readonly kills: number;
  readonly killsDuringStart: number;
  readonly runsWithRestarts: number;
  readonly exitCodes: Readonly<Record<string, number>>;
  readonly lost: number;
  readonly duplicates: number;
  readonly redelivered: number;
  readonly undeliverable: number;
  readonly overwritten: number;
  readonly leaks: number;
  readonly hangs: number;
  readonly leftovers: number;
}

export function totalsOf(results: readonly CaseResult[]): CampaignTotals {
  const sum = (pick: (r: CaseResult) => number) => results.reduce((total, r) => total + pick(r), 0);
  const exitCodes: Record<string, number> = {};
  for (const { outcome } of results) {
    const key = String(outcome.exitCode);
    exitCodes[key] = (exitCodes[key] ?? 0) + 1;
  }
  return {
    runs: results.length,
    failed: results.filter((r) => r.figures.problems.length > 0).length,
    kills: sum((r) => r.figures.kills),
    killsDuringStart: sum((r) => r.outcome.kills.filter((kill) => kill.at < 0).length),
    runsWithRestarts: results.filter((r) => r.outcome.chaos.restarts).length,
    exitCodes,
    lost: sum((r) => r.figures.lost),
    duplicates: sum((r) => r.figures.duplicates),
    redelivered: sum((r) => r.figures.redelivered),
    undeliverable: sum((r) => r.figures.undeliverable),
    overwritten: sum((r) => r.figures.overwritten),
    leaks: sum((r) => r.figures.leaks),
    hangs: results.filter((r) => r.outcome.hung).length,
    leftovers: sum((r) => r.outcome.leftovers.length),
  };
}
