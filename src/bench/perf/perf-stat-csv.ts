// The output of `perf stat -x, -o <file>`: one line per event, `value,unit,event,run time,
// percentage,...`, after `#` comment lines. The value is `<not supported>` when the machine cannot
// count the event (no PMU, e.g. in a VM) and `<not counted>` when it was never enabled.

/** One event's count, or perf's word for why there is none. */
export type PerfCount = { readonly value: number } | { readonly missing: string };

/** The counts by event name as perf prints it (`instructions:u`, `task-clock`). */
export function parsePerfStatCsv(text: string): Map<string, PerfCount> {
  const counts = new Map<string, PerfCount>();
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const [valueText = '', , event] = line.split(',');
    if (event === undefined || event === '') continue;
    const value = Number(valueText);
    counts.set(
      event,
      valueText.startsWith('<') || valueText === '' || !Number.isFinite(value)
        ? { missing: valueText === '' ? '<no value>' : valueText }
        : { value },
    );
  }
  return counts;
}
