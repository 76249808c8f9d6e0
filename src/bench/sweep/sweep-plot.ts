// The SVG picture of one sweep: events/s of the chain and of its probes, and what the chain
// spends per event, against the swept variable. Vega-Lite renders it without a browser.
import type * as vega from 'vega';
import type * as vegaLite from 'vega-lite';
import { SWEEP_AXES, type SweepName } from './sweep-points.js';
import type { SweepRecord } from './sweep-record.js';

const CHAIN_SERIES = 'mimocorb2 chain';
const PLOT_WIDTH = 520;

/** `8 B`, `4 KiB`, `1 MiB` for the size axis. */
const SIZE_LABEL =
  "datum.value >= 1048576 ? datum.value / 1048576 + ' MiB' : datum.value >= 1024 ? datum.value / 1024 + ' KiB' : datum.value + ' B'";

/** The probe rates of a record: its `<key>_events_per_s` keys other than the chain's and the limit's. */
export function getProbeRates(record: SweepRecord): [string, number][] {
  return Object.entries(record).filter(
    (entry): entry is [string, number] =>
      entry[0].endsWith('_events_per_s') &&
      !['events_per_s', 'limit_events_per_s'].includes(entry[0]) &&
      !entry[0].endsWith('_original_events_per_s') &&
      typeof entry[1] === 'number',
  );
}

/** A small panel of one figure per event against the sweep's variable. */
function costPanel(
  x: Record<string, unknown>,
  values: readonly object[],
  title: string,
  yTitle: string,
  isLog = false,
): Record<string, unknown> {
  return {
    title: { text: title, fontSize: 11, anchor: 'start' },
    width: PLOT_WIDTH,
    height: 130,
    data: { values },
    mark: { type: 'line', point: true },
    encoding: {
      x,
      y: {
        field: 'value',
        type: 'quantitative',
        title: yTitle,
        ...(isLog ? { scale: { type: 'log' } } : {}),
      },
    },
  };
}

/** The Vega-Lite spec of a sweep's picture (events/s, CPU and system calls per event). */
export function makeSweepPlotSpec(
  sweep: SweepName,
  records: readonly SweepRecord[],
  caption: string,
): Record<string, unknown> {
  const axis = SWEEP_AXES[sweep];
  const xs = records.map((r) => r.x);
  const x = {
    field: 'x',
    type: 'quantitative',
    title: axis.title,
    scale: axis.isLog ? { type: 'log', base: 2 } : { zero: false },
    axis: {
      values: xs,
      labelOverlap: false,
      labelFlush: false,
      ...(sweep === 'size' ? { labelExpr: SIZE_LABEL } : { format: 'd' }),
    },
  };
  const rates = records.flatMap((r) => [
    { x: r.x, series: CHAIN_SERIES, value: r.events_per_s },
    ...getProbeRates(r).map(([key, value]) => ({
      x: r.x,
      series: `probe: ${key.slice(0, -'_events_per_s'.length)}`,
      value,
    })),
  ]);
  const cpu = records.map((r) => ({ x: r.x, value: r.cpu_us_per_event }));
  const syscalls = records
    .filter((r) => typeof r['syscalls_per_event'] === 'number')
    .map((r) => ({ x: r.x, value: r['syscalls_per_event'] }));
  const series = { field: 'series', type: 'nominal', title: null };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `npm run bench -- --sweep ${sweep}`, subtitle: caption, anchor: 'start' },
    config: { font: 'sans-serif', legend: { orient: 'right', labelLimit: 260 } },
    background: 'white',
    vconcat: [
      {
        width: PLOT_WIDTH,
        height: 240,
        data: { values: rates },
        mark: { type: 'line', point: true },
        encoding: {
          x,
          y: { field: 'value', type: 'quantitative', title: 'events/s (median)', scale: { type: 'log' } },
          color: series,
          strokeDash: series,
        },
      },
      costPanel(
        x,
        cpu,
        'CPU µs per event of all workers added up (median)',
        'CPU µs/event',
        sweep === 'size',
      ),
      costPanel(x, syscalls, 'read + write system calls per event of all workers (median)', 'syscalls/event'),
    ],
    resolve: { scale: { color: 'independent', strokeDash: 'independent' } },
  };
}

/** The SVG text of a sweep's picture. */
export async function renderSweepSvg(
  sweep: SweepName,
  records: readonly SweepRecord[],
  caption: string,
): Promise<string> {
  const [vegaModule, vegaLiteModule]: [typeof vega, typeof vegaLite] = await Promise.all([
    import('vega'),
    import('vega-lite'),
  ]);
  const spec = makeSweepPlotSpec(sweep, records, caption);
  const compiled = vegaLiteModule.compile(spec as unknown as Parameters<typeof vegaLiteModule.compile>[0]);
  const view = new vegaModule.View(vegaModule.parse(compiled.spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
