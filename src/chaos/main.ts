// `npm run chaos -- --runs N [--seed S] [--keep-failed] [--json]`: the crash campaign. Each run
// starts a random setup (src/chaos/shapes.ts) with the real CLI, kills -9 a random process of a
// random worker once or twice at random moments, lets the run end by itself, and checks that no
// event was lost (src/chaos/verify.ts), no slot leaked and nothing was left behind.
import { optionsOrExitCode, parseToolArgs, wholeNumberOption } from '../tool-args.js';
import { runCampaign, totalsOf, type CaseResult } from './campaign.js';

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

const USAGE = `usage: npm run chaos -- [--runs <n>] [--seed <s>] [--keep-failed] [--json]

  --runs <n>      runs (default 20)
  --seed <s>      the campaign's seed (default: random, printed); --seed <a run's seed> --runs 1
                  replays that run's setup and kills (their exact moments vary with the machine)
  --keep-failed   keep the run directories of failed runs (ledgers, logs, stats.csv)
  --json          one JSON object per run, then one with the totals`;

interface ChaosOptions {
  readonly runs: number;
  readonly seed: number;
  readonly keepFailed: boolean;
  readonly json: boolean;
}

/** The checked options, or 'help'; throws ToolUsageError. */
function parse(argv: readonly string[]): ChaosOptions | 'help' {
  const values = parseToolArgs(argv, {
    runs: { type: 'string' },
    seed: { type: 'string' },
    'keep-failed': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) return 'help';
  return {
    runs: wholeNumberOption('runs', values.runs, 1, 100_000) ?? 20,
    seed:
      wholeNumberOption('seed', values.seed, 0, Number.MAX_SAFE_INTEGER) ??
      Math.floor(Math.random() * 2 ** 31),
    keepFailed: values['keep-failed'],
    json: values.json,
  };
}

function caseLine(result: CaseResult, index: number): string {
  const { outcome, figures } = result;
  const kills = outcome.kills.map(
    (k) => `${k.worker}[${k.index}]@${k.at < 0 ? 'start' : `${k.at.toFixed(2)}s`}`,
  );
  const status = figures.problems.length === 0 ? 'ok' : `FAILED: ${figures.problems.join('; ')}`;
  return (
    `#${index + 1} seed ${outcome.seed} ${outcome.chaos.description} | kills ${kills.join(', ') || 'none (ended first)'}` +
    ` | exit ${outcome.exitCode} in ${outcome.seconds.toFixed(1)} s | lost ${figures.lost}, duplicates ${figures.duplicates},` +
    ` redelivered ${figures.redelivered}, undeliverable ${figures.undeliverable}, overwritten ${figures.overwritten},` +
    ` leaks ${figures.leaks} | ${status}`
  );
}

const options = optionsOrExitCode('chaos', USAGE, () => parse(process.argv.slice(2)));
if (typeof options === 'number') process.exitCode = options;
else {
  if (!options.json) print(`chaos campaign: ${options.runs} runs, seed ${options.seed}`);
  const results = await runCampaign({
    runs: options.runs,
    seed: options.seed,
    keepFailed: options.keepFailed,
    onCase: (result, index) => {
      if (!options.json) print(caseLine(result, index));
      else
        print(
          JSON.stringify({
            run: index + 1,
            seed: result.outcome.seed,
            setup: result.outcome.chaos.description,
            ...result.figures,
            kills: result.outcome.kills,
            exitCode: result.outcome.exitCode,
            seconds: result.outcome.seconds,
          }),
        );
      if (result.figures.problems.length > 0 && options.keepFailed)
        print(`  kept: ${result.outcome.targetDir}`);
    },
  });
  const totals = totalsOf(results);
  const failed = results.find((r) => r.figures.problems.length > 0);
  if (options.json) print(JSON.stringify({ totals, seed: options.seed }));
  else {
    print(
      `runs ${totals.runs} (with restarts ${totals.runsWithRestarts}), kills ${totals.kills} (during the start ${totals.killsDuringStart}),` +
        ` exit codes ${JSON.stringify(totals.exitCodes)}`,
    );
    print(
      `lost ${totals.lost}, duplicates ${totals.duplicates}, redelivered ${totals.redelivered}, undeliverable ${totals.undeliverable},` +
        ` overwritten ${totals.overwritten}, leaks ${totals.leaks}, hangs ${totals.hangs}, left behind ${totals.leftovers}, failed runs ${totals.failed}`,
    );
    print(
      failed === undefined
        ? `replay the campaign: npm run chaos -- --seed ${options.seed} --runs ${options.runs}`
        : `replay the first failed run: npm run chaos -- --seed ${failed.outcome.seed} --runs 1`,
    );
  }
  process.exitCode = totals.failed > 0 ? 1 : 0;
}
