// --ui plain: line commands on stdin steer a running setup, and the run ends by itself.
import { describe, expect, it } from 'vitest';
import {
  command,
  expectExit,
  expectNothingLeft,
  startRun,
  useCliRuns,
  waitForLog,
  waitForRunDir,
} from '../helpers/cli.js';
import { useProcessCleanup, waitForLine } from '../helpers/processes.js';
import {
  bufferOf,
  compareCounters,
  duplicates,
  EXACTLY_ONCE,
  parseSummary,
  readReceived,
} from './run-output.js';

useProcessCleanup();
useCliRuns();

const PLAIN = ['--ui', 'plain'];

describe('mimocorb2 run --ui plain', () => {
  it('help, pause roots (events discarded, never arriving), resume roots, shutdown roots: exit 0', async () => {
    const run = startRun('endless.yaml', PLAIN);
    const runDir = await waitForRunDir(run);
    await waitForLine(run.child, /^type 'help' for the commands$/);
    await waitForLog(run, runDir, 'source', /^\[0\] yielded 2000$/m);

    const from = run.child.lines.length;
    await command(run, 'help', /^ {2}help +this list$/);
    const help = run.child.lines.slice(from);
    expect(help).toContain('  shutdown roots           sources stop; the chain drains and the run ends');
    for (const name of ['pause roots', 'resume roots', 'kill <worker>', 'exit']) {
      expect(help.some((line) => line.startsWith(`  ${name} `))).toBe(true);
    }
    await command(run, 'pause roots', /^paused the root buffers$/);
    // The source sees its sink paused, and goes on yielding: those events are discarded.
    await waitForLog(run, runDir, 'source', /^\[0\] yielded 1000 events while paused$/m);
    await command(run, 'resume roots', /^resumed the root buffers$/);
    await waitForLog(run, runDir, 'source', /^\[0\] sees the sink resumed$/m);
    await command(run, 'shutdown roots', /^stopping the roots; the chain drains$/);
    const { stdout } = await expectExit(run, 0);

    const summary = parseSummary(stdout);
    expect([...summary.workers.values()]).toEqual(['ok', 'ok', 'ok']);
    const raw = bufferOf(summary, 'raw');
    expect(raw.discarded).toBeGreaterThanOrEqual(999);
    // Discarded events drew counters too: of 0 .. events+discarded-1, only the committed arrive.
    const received = readReceived(runDir, 'sink').counters;
    expect(received.length).toBe(raw.events);
    expect(duplicates(received)).toBe(0);
    expect(Math.max(...received)).toBeLessThan(raw.events + raw.discarded);
    expect(bufferOf(summary, 'passed')).toMatchObject({ events: raw.events, discarded: 0 });
    expectNothingLeft(run);
  });

  it('kill <worker>: the source is terminated, the chain drains, exit 1; a wrong name is refused', async () => {
    const run = startRun('endless.yaml', PLAIN);
    const runDir = await waitForRunDir(run);
    await waitForLog(run, runDir, 'source', /^\[0\] yielded 2000$/m);
    await command(run, 'kill nobody', /^no worker named 'nobody'$/);
    await command(run, 'kill source', /^terminating worker 'source'$/);
    const { stdout } = await expectExit(run, 1);
    const summary = parseSummary(stdout);
    expect(summary.workers.get('source')).toBe('killed by SIGTERM');
    expect(summary.workers.get('filter')).toBe('ok');
    expect(summary.workers.get('sink')).toBe('ok');
    const raw = bufferOf(summary, 'raw');
    expect(compareCounters(readReceived(runDir, 'sink').counters, raw.events)).toEqual(EXACTLY_ONCE);
    expectNothingLeft(run);
  });

  it('ends by itself when the workers end, with stdin still open: exit 0', async () => {
    const run = startRun('chain.yaml', PLAIN);
    const runDir = await waitForRunDir(run);
    const { stdout } = await expectExit(run, 0);
    expect(stdout).toContain("type 'help' for the commands");
    expect(bufferOf(parseSummary(stdout), 'passed').events).toBe(12_000);
    expect(compareCounters(readReceived(runDir, 'sink').counters, 12_000)).toEqual(EXACTLY_ONCE);
    expectNothingLeft(run);
  });
});
