import type { ProcessExitRecord, RunResult } from '../control/run/run.js';

function count(n: number): string {
  return Math.round(n).toLocaleString('en');
}

function describeExit(exit: ProcessExitRecord): string {
  const restarted = exit.restarts > 0 ? ` (restarted ${exit.restarts}×)` : '';
  if (exit.killReason !== undefined) return `killed: ${exit.killReason}${restarted}`;
  if (exit.signal !== null) return `killed by ${exit.signal}${restarted}`;
  if (exit.code === 0) return `ok${restarted}`;
  const error = exit.error ? `: ${exit.error.split('\n')[0]}` : '';
  return `failed (code ${exit.code})${restarted}${error}`;
}

/** The first line's account of how the run ended. */
function ending(result: RunResult): string {
  if (result.exitCode === 130) return 'interrupted';
  const failed = result.exits.filter((e) => e.code !== 0 || e.signal !== null).length;
  const undeliverable = result.snapshot.buffers.reduce((sum, b) => sum + b.undeliverable, 0);
  const parts: string[] = [];
  if (failed > 0) parts.push(failed === 1 ? 'a worker failed' : `${failed} worker processes failed`);
  if (undeliverable > 0) parts.push(`${count(undeliverable)} events could not be delivered`);
  if (parts.length > 0) return parts.join('; ');
  const recovered = result.restarts.length;
  if (recovered === 0) return 'every worker ended normally';
  return `every worker ended normally (${recovered === 1 ? 'a failure' : `${recovered} failures`} recovered by restarts)`;
}

/** The lines printed when a run ends: events per buffer, each worker's exits, restarts, duration. */
export function formatSummary(result: RunResult): string[] {
  const { snapshot } = result;
  const seconds = Math.max(result.seconds, 1e-9);
  const lines = [
    `run finished after ${result.seconds.toFixed(1)} s: ${ending(result)} (exit code ${result.exitCode})`,
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
      b.undeliverable > 0 ? `${count(b.undeliverable)} undeliverable (no reader to take them)` : '',
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
  if (result.restarts.length > 0) {
    const start = snapshot.time - snapshot.elapsed;
    lines.push('restarts:');
    for (const r of result.restarts) {
      const at = Math.max(0, r.at - start).toFixed(1);
      lines.push(`  ${`${r.worker}[${r.index}]`.padEnd(nameWidth + 4)} at ${at} s: ${r.reason}`);
    }
  }
  return lines;
}
