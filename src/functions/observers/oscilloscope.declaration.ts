import type { BufferLayout } from '../../buffer/index.js';
import { describeValue } from '../../control/setup/problems.js';
import { MAX_DISPLAY_SERIES } from '../../display/index.js';
import { declarePrebuilt, types, type ConfigType } from '../declaration/index.js';
import { PLOT_COLOR_TEXT, toHexColor } from './plot-colors.js';
import type { Scaling } from './scope-trace.js';

function scaling(scaleText: string, scale: ConfigType<number>): ConfigType<Scaling> {
  return types.tuple([scale, types.number(), types.string()], `[${scaleText}, offset, unit]`);
}

const nonZero = types.refine(types.number(), 'a number other than 0', (value) =>
  value === 0 ? { path: [], message: 'expected a number other than 0, got number 0' } : undefined,
);

const yRange = types.refine(
  types.tuple([types.number(), types.number()], '[min, max]'),
  '[min, max] with min < max',
  ([min, max]) =>
    min < max ? undefined : { path: [], message: `expected min < max, got min ${min} and max ${max}` },
);

const plotColor: ConfigType<string> = {
  text: PLOT_COLOR_TEXT,
  check: (value) =>
    typeof value === 'string' && toHexColor(value) !== undefined
      ? []
      : [{ path: [], message: `expected ${PLOT_COLOR_TEXT}, got ${describeValue(value)}` }],
};

/** The fields an oscilloscope can draw: every field but strings. */
export function plottableFields(layout: BufferLayout): string[] {
  return layout.fields.filter((field) => field.dtype.kind !== 'S').map((field) => field.name);
}

export const oscilloscopeDeclaration = declarePrebuilt({
  name: 'observers.oscilloscope',
  module: new URL('./oscilloscope.js', import.meta.url),
  exportName: 'oscilloscope',
  template: 'Observer',
  summary: 'shows the newest waveform of each channel of a buffer, as an oscilloscope does',
  description:
    'Looks at the newest event of the observed buffer every update_interval seconds (an Observer: it ' +
    'takes no events and never slows the data) and shows its channels as curves in a display of ' +
    'its own, named after the worker: a tab in the terminal UI and, at the end of the run, ' +
    'displays/<worker>.0.<worker>.svg in the run directory. Time runs along x as sample * scale + ' +
    'offset of t_scaling and each sample is shown as value * scale + offset of y_scaling, each axis ' +
    'labelled with its unit. Unlike the original, which scales only the labels, the values ' +
    'themselves are scaled, so ylim and trigger_level are in the scaled units (mV, not ADC counts, ' +
    'when y_scaling converts to mV). The trigger level is drawn as a dashed horizontal line named ' +
    "'Trigger Level'. A waveform longer than a display holds (65 536 numbers for x and all " +
    'channels) is shown by the lowest and highest sample of each stretch of samples, so no spike ' +
    'is lost; a waveform with NaN or infinite samples is not shown (the log says so once).',
  buffers: {
    sources: { count: 0 },
    sinks: { count: 0 },
    observes: { count: 1, note: `at most ${MAX_DISPLAY_SERIES} of its fields shown` },
  },
  configs: {
    channels: {
      type: types.list(types.string(), { minLength: 1 }),
      defaultText: `every field but strings (the first ${MAX_DISPLAY_SERIES})`,
      meaning: 'the fields to show, in this order',
    },
    ylim: {
      type: yRange,
      defaultText: 'the range of the data, at each update',
      meaning: 'the y range, in the units of y_scaling',
    },
    t_scaling: {
      type: scaling('scale > 0', types.number({ above: 0 })),
      default: [1, 0, 'Samples'],
      meaning: 'x of sample i is i * scale + offset, in unit (e.g. [0.004, 0, µs] for 4 ns samples)',
    },
    y_scaling: {
      type: scaling('scale', nonZero),
      default: [1, 0, 'Value'],
      meaning: 'a sample value v is shown as v * scale + offset, in unit (e.g. [0.122, 0, mV])',
    },
    trigger_level: {
      type: types.number(),
      meaning: 'draws a horizontal line at this level, in the units of y_scaling',
    },
    update_interval: {
      type: types.number({ min: 0 }),
      default: 1,
      meaning:
        'seconds between two looks at the buffer (at most 10 a second: a display shows no more; 0 as often as that)',
    },
    colors: {
      type: types.list(plotColor, { minLength: 1 }),
      defaultText: "the display's own",
      meaning: 'a colour per channel, used in turn when there are more channels',
    },
  },
  check(worker, report) {
    const observed = worker.observes[0];
    if (observed === undefined) return;
    const plottable = plottableFields(observed);
    const { channels } = worker.config;
    if (channels === undefined) {
      if (plottable.length === 0) {
        report.error(
          { entry: ['observes', 0] },
          `expected a buffer with a numeric field to show, got '${observed.name}' with strings only`,
        );
      } else if (plottable.length > MAX_DISPLAY_SERIES) {
        report.warn(
          { entry: ['observes', 0] },
          `'${observed.name}' has ${plottable.length} fields; the oscilloscope shows the first ${MAX_DISPLAY_SERIES} (${plottable.slice(0, MAX_DISPLAY_SERIES).join(', ')}): name the ones to show in channels`,
        );
      }
      return;
    }
    if (channels.length > MAX_DISPLAY_SERIES) {
      report.error(
        { config: 'channels' },
        `expected at most ${MAX_DISPLAY_SERIES} channels (a display shows at most ${MAX_DISPLAY_SERIES} curves), got ${channels.length}`,
      );
    }
    const fields = observed.fields.map((field) => `${field.name} (${field.dtype.descr})`).join(', ');
    channels.forEach((channel, index) => {
      const field = observed.fields.find((f) => f.name === channel);
      if (field === undefined) {
        report.error(
          { config: 'channels', path: [index] },
          `expected a field of '${observed.name}' (${fields}), got '${channel}'`,
        );
      } else if (field.dtype.kind === 'S') {
        report.error(
          { config: 'channels', path: [index] },
          `expected a numeric field of '${observed.name}', got '${channel}' (${field.dtype.descr})`,
        );
      }
    });
  },
  example: `Buffers:
  waveforms: {slot_count: 128, data_length: 1000, data_dtype: {IN1: i2, IN2: i2}}
Workers:
  oscilloscope:
    function: observers.oscilloscope
    observes: [waveforms]
    config:
      t_scaling: [0.008, 0, µs]     # 125 MS/s
      y_scaling: [0.122, 0, mV]
      ylim: [-500, 500]            # mV
      trigger_level: 100           # mV
      colors: [tab:blue, tab:orange]
`,
});
