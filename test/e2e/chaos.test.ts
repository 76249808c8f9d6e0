// The short version of the crash campaign (`npm run chaos -- --runs N`): random setups, kill -9 of
// random worker processes at random moments; every run must end by itself with nothing lost,
// leaked or left behind. MIMOCORB2_CHAOS_SEED replays a campaign.
import { describe, expect, it } from 'vitest';
import { runCampaign, totalsOf } from '../../src/chaos/campaign.js';
import { useCliRuns } from '../helpers/cli.js';

useCliRuns();

const SEED = Number(process.env['MIMOCORB2_CHAOS_SEED'] ?? Math.floor(Math.random() * 2 ** 31));
const RUNS = 6;

describe(`the crash campaign, ${RUNS} runs (MIMOCORB2_CHAOS_SEED=${SEED})`, () => {
  it('every run ends by itself; lost 0, leaks 0, nothing left behind', async () => {
    const results = await runCampaign({ runs: RUNS, seed: SEED, deadlineS: 90 });
    const failures = results
      .filter((r) => r.figures.problems.length > 0)
      .map(
        (r) => `seed ${r.outcome.seed} (${r.outcome.chaos.description}): ${r.figures.problems.join('; ')}`,
      );
    const totals = totalsOf(results);
    console.log(`chaos seed ${SEED}: ${JSON.stringify(totals)}`);
    expect(failures, 'replay one with: npm run chaos -- --seed <seed> --runs 1').toEqual([]);
    expect(totals).toMatchObject({ lost: 0, leaks: 0, hangs: 0, leftovers: 0 });
  }, 600_000);
});
