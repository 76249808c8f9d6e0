/** The metric names /metrics gives (docs/web.md), in their order, and no others. */
export const METRIC_NAMES = [
  'mimocorb2_buffer_events_total',
  'mimocorb2_buffer_events_read_total',
  'mimocorb2_buffer_overwritten_total',
  'mimocorb2_buffer_discarded_total',
  'mimocorb2_buffer_redelivered_total',
  'mimocorb2_buffer_undeliverable_total',
  'mimocorb2_buffer_slots',
  'mimocorb2_buffer_paused',
  'mimocorb2_buffer_ended',
  'mimocorb2_buffer_lag_events',
  'mimocorb2_buffer_event_age_p50_seconds',
  'mimocorb2_buffer_event_age_p99_seconds',
  'mimocorb2_process_cpu_seconds_total',
  'mimocorb2_process_resident_memory_bytes',
  'mimocorb2_worker_restarts_total',
  'mimocorb2_run_elapsed_seconds',
];
