// `/metrics` in the Prometheus text format (version 0.0.4): counters and gauges only; rates are
// for Prometheus' rate(). The names are documented in docs/web.md.
import type { RunInfo } from '../control/live/index.js';
import type { RunSnapshot } from '../control/stats/snapshot.js';

export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

type Labels = Readonly<Record<string, string>>;
type Sample = readonly [labels: Labels, value: number];

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

/** One metric family: HELP, TYPE and a line per sample. */
function family(name: string, type: 'counter' | 'gauge', help: string, samples: readonly Sample[]): string {
  const lines = [`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`];
  for (const [labels, value] of samples) {
    const pairs = Object.entries(labels).map(([key, text]) => `${key}="${escapeLabel(text)}"`);
    lines.push(`${name}${pairs.length > 0 ? `{${pairs.join(',')}}` : ''} ${formatValue(value)}`);
  }
  return lines.join('\n') + '\n';
}

/** The metrics of a run at its latest snapshot (none of the buffers and processes before the first). */
export function formatMetrics(info: RunInfo, snapshot: RunSnapshot | undefined): string {
  const buffers = snapshot?.buffers ?? [];
  const perBuffer = (pick: (buffer: RunSnapshot['buffers'][number]) => number): Sample[] =>
    buffers.map((buffer) => [{ buffer: buffer.name }, pick(buffer)]);
  const processes = snapshot?.processes ?? [];
  const processLabels = (p: RunSnapshot['processes'][number]) => ({
    worker: p.worker,
    process: String(p.index),
  });
  const slotStates = buffers.flatMap((buffer): Sample[] => {
    const slots = (fraction: number) => Math.round(fraction * buffer.slotCount);
    return [
      [{ buffer: buffer.name, state: 'filled' }, slots(buffer.filled)],
      [{ buffer: buffer.name, state: 'in_use' }, slots(buffer.inUse)],
      [{ buffer: buffer.name, state: 'free' }, slots(buffer.free)],
    ];
  });
  const elapsed = snapshot?.elapsed ?? Date.now() / 1000 - info.startedAt;
  return [
    family(
      'mimocorb2_buffer_events_total',
      'counter',
      'Events committed into the buffer.',
      perBuffer((b) => b.events),
    ),
    family(
      'mimocorb2_buffer_events_read_total',
      'counter',
      'Events its readers took from the buffer.',
      perBuffer((b) => b.read),
    ),
    family(
      'mimocorb2_buffer_overwritten_total',
      'counter',
      'Events overwritten unread (buffers with overwrite: true, when full).',
      perBuffer((b) => b.overwritten),
    ),
    family(
      'mimocorb2_buffer_discarded_total',
      'counter',
      'Events discarded because the buffer was paused.',
      perBuffer((b) => b.discarded),
    ),
    family(
      'mimocorb2_buffer_redelivered_total',
      'counter',
      'Events given to a reader again after the process reading them died.',
      perBuffer((b) => b.redelivered),
    ),
    family(
      'mimocorb2_buffer_undeliverable_total',
      'counter',
      'Events that could not be delivered: every reader of the buffer was gone.',
      perBuffer(() => 0),
    ),
    family(
      'mimocorb2_buffer_slots',
      'gauge',
      'Slots by state: filled (waiting for a reader), in_use (being written or read), free.',
      slotStates,
    ),
    family(
      'mimocorb2_buffer_paused',
      'gauge',
      '1 while the buffer is paused.',
      perBuffer((b) => (b.paused ? 1 : 0)),
    ),
    family(
      'mimocorb2_buffer_ended',
      'gauge',
      '1 once the buffer has ended.',
      perBuffer((b) => (b.ended ? 1 : 0)),
    ),
    family(
      'mimocorb2_buffer_lag_events',
      'gauge',
      'Events written into the buffer and not yet taken by a reader (nor overwritten).',
      perBuffer((b) => b.lag),
    ),
    ...(['p50', 'p99'] as const).map((quantile) =>
      family(
        `mimocorb2_buffer_event_age_${quantile}_seconds`,
        'gauge',
        `${quantile} of the age of the events the buffer's readers take (now minus the event's timestamp), sampled, over the last 10 s.`,
        buffers.flatMap((buffer): Sample[] => {
          const age = quantile === 'p50' ? buffer.ageP50 : buffer.ageP99;
          return age === null ? [] : [[{ buffer: buffer.name }, age]];
        }),
      ),
    ),
    family(
      'mimocorb2_process_cpu_seconds_total',
      'counter',
      'CPU time of a worker process (user and system); starts again when the process is restarted.',
      processes.map((p) => [processLabels(p), p.cpuSeconds]),
    ),
    family(
      'mimocorb2_process_resident_memory_bytes',
      'gauge',
      'Resident memory of a live worker process.',
      processes.filter((p) => p.state !== 'exited').map((p) => [processLabels(p), p.rssBytes]),
    ),
    family(
      'mimocorb2_worker_restarts_total',
      'counter',
      'How often the processes of a worker were restarted.',
      (snapshot?.workers ?? []).map((w) => [{ worker: w.name }, w.restarts]),
    ),
    family('mimocorb2_run_elapsed_seconds', 'gauge', 'Seconds since the workers were started.', [
      [{}, elapsed],
    ]),
  ].join('');
}
