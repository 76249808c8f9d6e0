// Reading what a run printed and wrote: the summary (src/ui/summary.ts), stats.csv, and the files
// the fixture workers (test/fixtures/e2e/workers.ts) write into the run directory.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

/** One buffer line of the summary. */
export interface SummaryBuffer {
  readonly events: number;
  readonly isRoot: boolean;
  readonly discarded: number;
  readonly overwritten: number;
  readonly redelivered: number;
  readonly dropped: number;
  readonly undeliverable: number;
}

/** The summary a run prints at its end. */
export interface Summary {
  readonly exitCode: number;
  readonly seconds: number;
  readonly buffers: ReadonlyMap<string, SummaryBuffer>;
  /** Worker name → what the summary says of its processes ('ok', 'all 2: ok', '[0] killed by SIGKILL; [1] ok'). */
  readonly workers: ReadonlyMap<string, string>;
  /** The restart lines: `filter[0] at 1.2 s: was killed by SIGKILL`. */
  readonly restarts: readonly string[];
}

function count(text: string | undefined): number {
  return text === undefined ? 0 : Number(text.replace(/,/g, ''));
}

function extra(line: string, what: string): number {
  return count(new RegExp(`([\\d,]+) ${what}`).exec(line)?.[1]);
}

/** Parses the summary from stdout lines; fails when there is none. */
export function parseSummary(lines: readonly string[]): Summary {
  const start = lines.findIndex((line) => line.startsWith('run finished after '));
  expect(start, `a summary in stdout:\n${lines.join('\n')}`).toBeGreaterThanOrEqual(0);
  const head = /^run finished after ([\d.]+) s: .* \(exit code (\d+)\)$/.exec(lines[start] as string);
  expect(head, `the summary's first line: ${lines[start]}`).not.toBeNull();
  const buffers = new Map<string, SummaryBuffer>();
  const workers = new Map<string, string>();
  const restarts: string[] = [];
  let section: 'buffers' | 'workers' | 'restarts' | undefined;
  for (const line of lines.slice(start + 1)) {
    if (line === 'buffers:' || line === 'workers:' || line === 'restarts:') {
      section = line.slice(0, -1) as 'buffers' | 'workers' | 'restarts';
      continue;
    }
    if (section === 'restarts' && line.startsWith('  ')) {
      restarts.push(line.trim().replace(/\s+at /, ' at '));
      continue;
    }
    const buffer = /^ {2}(\S+)\s+([\d,]+) events/.exec(line);
    if (section === 'buffers' && buffer) {
      buffers.set(buffer[1] as string, {
        events: count(buffer[2]),
        isRoot: line.includes('(root)'),
        discarded: extra(line, 'discarded while paused'),
        overwritten: extra(line, 'overwritten'),
        redelivered: extra(line, 'redelivered after a crash'),
        dropped: extra(line, 'dropped after a forced end'),
        undeliverable: extra(line, 'undeliverable'),
      });
      continue;
    }
    const worker = /^ {2}(\S+)\s+(.+)$/.exec(line);
    if (section === 'workers' && worker) workers.set(worker[1] as string, worker[2] as string);
  }
  return { exitCode: Number(head?.[2]), seconds: Number(head?.[1]), buffers, workers, restarts };
}

/** The summary line of one buffer; fails when the buffer is not in it. */
export function bufferOf(summary: Summary, name: string): SummaryBuffer {
  const buffer = summary.buffers.get(name);
  expect(buffer, `buffer '${name}' in the summary (${[...summary.buffers.keys()].join(', ')})`).toBeDefined();
  return buffer as SummaryBuffer;
}

/** What an exporter of the fixtures received, in arrival order. */
export interface Received {
  readonly counters: number[];
  readonly values: number[];
}

/** The file `record` writes when its source ended. */
export function readReceived(runDir: string, worker: string, processIndex = 0): Received {
  return JSON.parse(
    readFileSync(join(runDir, `received.${worker}.${processIndex}.json`), 'utf8'),
  ) as Received;
}

/** The file `watch` writes when the observed buffer ended. */
export function readObserved(runDir: string, worker: string): { count: number; counters: number[] } {
  return JSON.parse(readFileSync(join(runDir, `observed.${worker}.json`), 'utf8')) as {
    count: number;
    counters: number[];
  };
}

/** 0, 1, ..., n-1. */
export function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/** A sorted copy. */
export function sorted(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/** How a received list of counters differs from the expected set (first few of each kind). */
export interface CounterDifference {
  /** Expected, never received. */
  readonly missing: number[];
  /** Received, not expected. */
  readonly unexpected: number[];
  /** Received more than once. */
  readonly duplicates: number;
}

const SHOWN = 10;

/**
 * Compares received counters with `expected` (a count n meaning 0..n-1, or a list); cheap also
 * for a million events, and the failure shows what differs rather than two huge arrays.
 */
export function compareCounters(
  received: readonly number[],
  expected: number | readonly number[],
): CounterDifference {
  const wanted = typeof expected === 'number' ? range(expected) : expected;
  const wantedSet = new Set(wanted);
  const seen = new Set<number>();
  const unexpected: number[] = [];
  let duplicateCount = 0;
  for (const counter of received) {
    if (seen.has(counter)) duplicateCount++;
    else if (!wantedSet.has(counter) && unexpected.length < SHOWN) unexpected.push(counter);
    seen.add(counter);
  }
  const missing: number[] = [];
  for (const counter of wanted) {
    if (missing.length >= SHOWN) break;
    if (!seen.has(counter)) missing.push(counter);
  }
  return { missing, unexpected, duplicates: duplicateCount };
}

/** What compareCounters returns when every expected counter arrived exactly once and nothing else. */
export const EXACTLY_ONCE: CounterDifference = Object.freeze({ missing: [], unexpected: [], duplicates: 0 });

/** Events received more than once. */
export function duplicates(values: readonly number[]): number {
  return values.length - new Set(values).size;
}

/** stats.csv as a header and rows of cells (no cell of ours holds a comma). */
export function readStatsCsv(runDir: string): { header: string[]; rows: Map<string, string>[] } {
  const lines = readFileSync(join(runDir, 'stats.csv'), 'utf8').trimEnd().split('\n');
  const header = (lines[0] ?? '').split(',');
  const rows = lines.slice(1).map((line) => {
    const cells = line.split(',');
    expect(cells.length, `cells in the stats.csv row ${line}`).toBe(header.length);
    return new Map(header.map((name, i) => [name, cells[i] as string]));
  });
  return { header, rows };
}

/**
 * The messages of the run directory's control.log, in order; fails unless every line starts with
 * an ISO time (those times never go back).
 */
export function readControlLog(runDir: string): string[] {
  const lines = readFileSync(join(runDir, 'control.log'), 'utf8').trimEnd().split('\n');
  const times: number[] = [];
  const messages = lines.map((line) => {
    const match = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z) (.*)$/.exec(line);
    expect(match, `control.log line ${JSON.stringify(line)} starts with its time`).not.toBeNull();
    times.push(Date.parse(match?.[1] ?? ''));
    return match?.[2] ?? '';
  });
  expect(times, 'control.log is in time order').toEqual(sorted(times));
  return messages;
}
