import type { RunResult } from '../control/run/run.js';

function count(n: number): string {
  return Math.round(n).toLocaleString('en');
}

function describeExit(exit: RunResult['exits'][number]): string {
  if (exit.signal !== null) return `killed by ${exit.signal}`;
  if (exit.code === 0) return 'ok';
  return exit.error
    ? `failed (code ${exit.code}): ${exit.error.split('\n')[0]}`
    : `failed (code ${exit.code})`;
}

const ENDINGS: Record<RunResult['exitCode'], string> = {
  0: 'every worker ended normally',
  1: 'a worker failed',
  130: 'interrupted',
};

/** The lines printed when a run ends: events per buffer, each worker's exits, duration. */
export function formatSummary(result: RunResult): string[] {
  const { snapshot } = result;
  const seconds = Math.max(result.seconds, 1e-9);
  const lines = [
    `run finished after ${result.seconds.toFixed(1)} s: ${ENDINGS[result.exitCode]} (exit code ${result.exitCode})`,
  ];
  const nameWidth = Math.max(
    8,
    ...snapshot.buffers.map((b) => b.name.length),
    ...snapshot.workers.map((w) => w.name.length),
  );
  lines.push('buffers:');
  for (const b of snapshot.buffers) {
    const extras = [
      b.discarded > 0 ? `${count(b.discarded)} discarded while paused` : '',
      b.overwritten > 0 ? `${count(b.overwritten)} overwritten` : '',
      b.redelivered > 0 ? `${count(b.redelivered)} redelivered after a crash` : '',
      b.dropped > 0 ? `${count(b.dropped)} dropped after a forced end` : '',
    ].filter(Boolean);
    const root = b.isRoot ? ' (root)' : '';
    lines.push(
      `  ${b.name.padEnd(nameWidth)} ${count(b.events).padStart(12)} events  ${count(b.events / seconds).padStart(10)}/s${root}${extras.length ? '  ' + extras.join(', ') : ''}`,
    );
  }
  lines.push('workers:');
  for (const w of snapshot.workers) {
    const exits = result.exits.filter((e) => e.worker === w.name);
    const states = exits.map(describeExit);
    const same = states.every((s) => s === states[0]);
    const text =
      same && states.length > 0
        ? `${states.length === 1 ? '' : `all ${states.length}: `}${states[0]}`
        : states.map((s, i) => `[${i}] ${s}`).join('; ');
    lines.push(`  ${w.name.padEnd(nameWidth)} ${text}`);
  }
  return lines;
}
