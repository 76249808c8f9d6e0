import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { RunInfo } from '../../../src/control/live/index.js';
import { formatMetrics } from '../../../src/web/metrics.js';
import { METRIC_NAMES } from '../../helpers/web.js';
import { bufferSnapshot, processSnapshot, runSnapshot } from '../ui/snapshots.js';

const INFO = { startedAt: 1_000 } as RunInfo;

const hasPromtool = spawnSync('promtool', ['--version']).status === 0;

describe('formatMetrics', () => {
  const snapshot = runSnapshot(1_010, {
    raw: {
      events: 1234,
      read: 1200,
      filled: 0.25,
      inUse: 0.05,
      free: 0.7,
      paused: true,
      slotCount: 128,
      lag: 34,
      ageP50: 0.002,
      ageP99: 0.05,
    },
  });
  const text = formatMetrics(INFO, snapshot);

  it('has a HELP and a TYPE line for each family, in the names the docs list', () => {
    const types = [...text.matchAll(/^# TYPE (\S+) (counter|gauge)$/gm)].map((m) => m[1]);
    expect(types).toEqual(METRIC_NAMES);
    expect([...text.matchAll(/^# HELP (\S+) /gm)].map((m) => m[1])).toEqual(METRIC_NAMES);
  });

  it('gives each buffer its counts and slots, each process its CPU time by worker and index', () => {
    expect(text).toContain('mimocorb2_buffer_events_total{buffer="raw"} 1234\n');
    expect(text).toContain('mimocorb2_buffer_events_read_total{buffer="raw"} 1200\n');
    expect(text).toContain('mimocorb2_buffer_slots{buffer="raw",state="filled"} 32\n');
    expect(text).toContain('mimocorb2_buffer_slots{buffer="raw",state="in_use"} 6\n');
    expect(text).toContain('mimocorb2_buffer_slots{buffer="raw",state="free"} 90\n');
    expect(text).toContain('mimocorb2_buffer_paused{buffer="raw"} 1\n');
    expect(text).toContain('mimocorb2_buffer_lag_events{buffer="raw"} 34\n');
    expect(text).toContain('mimocorb2_buffer_event_age_p50_seconds{buffer="raw"} 0.002\n');
    expect(text).toContain('mimocorb2_buffer_event_age_p99_seconds{buffer="raw"} 0.05\n');
    expect(text).toContain('mimocorb2_process_cpu_seconds_total{worker="sink",process="1"} 12.5\n');
    expect(text).toContain('mimocorb2_run_elapsed_seconds 10\n');
  });

  it('escapes quotes, backslashes and newlines in label values', () => {
    const odd = { ...snapshot, buffers: [bufferSnapshot('a"b\\c\nd', { events: 1 })] };
    expect(formatMetrics(INFO, odd)).toContain('mimocorb2_buffer_events_total{buffer="a\\"b\\\\c\\nd"} 1\n');
  });

  it('leaves out the memory of exited processes but keeps their CPU time', () => {
    const exited = { ...snapshot, processes: [processSnapshot('w', 0, { state: 'exited', cpuSeconds: 3 })] };
    const lines = formatMetrics(INFO, exited);
    expect(lines).toContain('mimocorb2_process_cpu_seconds_total{worker="w",process="0"} 3\n');
    expect(lines).not.toContain('mimocorb2_process_resident_memory_bytes{');
  });

  it.skipIf(!hasPromtool)('passes promtool check metrics', () => {
    const check = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(check.stdout + check.stderr).toBe('');
    expect(check.status).toBe(0);
  });
  if (!hasPromtool)
    console.log('skipped promtool check metrics: promtool not installed (Debian: prometheus)');
});
