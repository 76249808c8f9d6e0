// `npm run soak -- --minutes N [--rate R] [--every S]`: a long run of a chain at R events a second
// (25 000) with the terminal UI on (in a tmux pane, its display tab shown, so control samples the
// displays ten times a second), sampling every process's resident memory and open file
// descriptors every S seconds (10). It reports them over time and says whether they stay flat
// (within ±10 % of their value at the end of the first minute).
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { getCliScript } from '../bench/child-scripts.js';
import { CleanupRegistry, installExitCleanup } from '../bench/cleanup.js';
import { TmuxPane } from '../bench/tmux-pane.js';
import { optionsOrExitCode, parseToolArgs, positiveNumberOption } from '../tool-args.js';
import { childrenOf, processLabel, sampleProcess, type ProcessSample } from './process-sample.js';
import { flatness, formatMiB, type Series } from './series.js';

const WORKERS = fileURLToPath(new URL('../../dist/soak/workers.js', import.meta.url));
/** Samples before this count as the start (loading, JIT, first allocations). */
const SETTLE_S = 60;
const TOLERANCE = 0.1;
const MIN_RATE = 20_000;

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

const USAGE = `usage: npm run soak -- [--minutes <n>] [--rate <events/s>] [--every <s>]

  --minutes <n>       how long the chain runs (default 10)
  --rate <events/s>   the source's rate (default 25000)
  --every <s>         seconds between two samples of every process (default 10)`;

const options = optionsOrExitCode('soak', USAGE, () => {
  const values = parseToolArgs(process.argv.slice(2), {
    minutes: { type: 'string' },
    rate: { type: 'string' },
    every: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) return 'help';
  return {
    minutes: positiveNumberOption('minutes', values.minutes) ?? 10,
    rate: positiveNumberOption('rate', values.rate) ?? 25_000,
    everyS: positiveNumberOption('every', values.every) ?? 10,
  };
});
if (typeof options === 'number') process.exit(options);
const { minutes, rate, everyS } = options;

const cleanup = new CleanupRegistry();
installExitCleanup(cleanup, (line) => process.stderr.write(`${line}\n`));
const scratch = mkdtempSync(join(tmpdir(), 'mimocorb2-soak-'));
cleanup.add(() => rmSync(scratch, { recursive: true, force: true }));
const event = { slot_count: 512, data_length: 16, data_dtype: { ch1: 'f4' } };
const setupFile = join(scratch, 'setup.yaml');
writeFileSync(
  setupFile,
  stringify({
    Buffers: { raw: event, kept: event },
    Workers: {
      source: { file: WORKERS, function: 'source', sinks: ['raw'], config: { rate } },
      keep: { file: WORKERS, function: 'keep', sources: ['raw'], sinks: ['kept'], number_of_processes: 2 },
      histogram: { file: WORKERS, function: 'histogram', sources: ['kept'] },
      scope: { file: WORKERS, function: 'scope', observes: ['raw'] },
    },
  }),
);
const targetDir = join(scratch, 'target');
print(`soak: ${minutes} min at ${rate} events/s, a sample every ${everyS} s; the TUI runs in a tmux pane`);
const pane = new TmuxPane(
  {
    script: getCliScript(),
    args: ['run', setupFile, '--ui', 'tui', '--duration', String(minutes * 60), '--target-dir', targetDir],
    columns: 120,
    rows: 40,
  },
  cleanup,
);

const series = new Map<string, Series>();
const started = performance.now();
let control: number | undefined;
for (;;) {
  await delay(everyS * 1000 - ((performance.now() - started) % (everyS * 1000)));
  control ??= pane.pid();
  if (control === undefined || pane.exitStatus() !== undefined) break;
  const t = Math.round((performance.now() - started) / 1000);
  const pids = [control, ...childrenOf(control)];
  const parts: string[] = [];
  for (const pid of pids) {
    const sample = sampleProcess(pid);
    if (sample === undefined) continue;
    const label = processLabel(pid);
    const points = series.get(label) ?? { label, points: [] };
    series.set(label, points);
    points.points.push({ t, ...sample });
    parts.push(`${label} ${formatMiB(sample.rssBytes)} ${sample.fds} fds`);
  }
  print(`t=${t}s ${statsLine(targetDir)} | ${parts.join(' | ')}`);
  // The display tab: control reads the displays ten times a second while it is shown.
  if (t >= 2 * everyS && t < 3 * everyS) pane.press('6');
  // Then the sources stop and the run ends: what follows is not the steady state.
  if (t + everyS > minutes * 60) break;
}

// The run ends by itself after --duration; the TUI then waits for q.
for (let waited = 0; pane.exitStatus() === undefined && waited < 120; waited++) {
  if (pane.screen().includes('press q to exit')) pane.press('q');
  await delay(1000);
}
const exit = pane.exitStatus();
const average = averageRate(targetDir);
print('');
print(
  `process              RSS at ${SETTLE_S} s   RSS after (min..max)   drift   fds at ${SETTLE_S} s   fds after   drift`,
);
let isFlat = true;
for (const one of series.values()) {
  const rss = flatness(one, (p: ProcessSample) => p.rssBytes, SETTLE_S);
  const fds = flatness(one, (p: ProcessSample) => p.fds, SETTLE_S);
  if (rss === undefined || fds === undefined) continue;
  isFlat &&= rss.drift <= TOLERANCE && fds.drift <= TOLERANCE;
  print(
    `${one.label.padEnd(20)} ${formatMiB(rss.reference).padStart(10)}   ${`${formatMiB(rss.min)}..${formatMiB(rss.max)}`.padStart(20)}` +
      `   ${`${(rss.drift * 100).toFixed(1)}%`.padStart(5)}   ${String(fds.reference).padStart(9)}   ${`${fds.min}..${fds.max}`.padStart(9)}   ${`${(fds.drift * 100).toFixed(1)}%`.padStart(5)}`,
  );
}
print('');
print(
  `run exit ${exit ?? 'unknown'}; ${Math.round(average).toLocaleString('en')} events/s on average into 'raw'; ` +
    `memory and fds ${isFlat ? 'flat' : 'NOT flat'} (±${TOLERANCE * 100} % after the first minute)`,
);
cleanup.runAll();
process.exitCode = exit === 0 && isFlat && average >= MIN_RATE ? 0 : 1;

/** The latest row of stats.csv (written every minute after the first): events of 'raw' and their mean rate. */
function statsLine(target: string): string {
  const row = lastRow(target);
  if (row === undefined) return 'no statistics yet';
  const events = row.get('buffer.raw.events') ?? 0;
  return `raw ${events} events at ${Math.round(row.get('elapsed_s') ?? 0)} s`;
}

function averageRate(target: string): number {
  const row = lastRow(target);
  const elapsed = row?.get('elapsed_s') ?? 0;
  return elapsed > 0 ? (row?.get('buffer.raw.events') ?? 0) / elapsed : 0;
}

function lastRow(target: string): Map<string, number> | undefined {
  try {
    const [run] = readdirSync(target);
    const lines = readFileSync(join(target, run as string, 'stats.csv'), 'utf8')
      .trim()
      .split('\n');
    const header = (lines[0] ?? '').split(',');
    const cells = (lines.at(-1) ?? '').split(',');
    return new Map(header.map((name, i) => [name, Number(cells[i])]));
  } catch {
    return undefined;
  }
}
