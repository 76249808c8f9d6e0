import type { BufferLayout } from '../../buffer/index.js';
import { describeValue } from '../../control/setup/problems.js';
import { declarePrebuilt, types, type CheckReport, type ConfigType } from '../declaration/index.js';
import { isPeakProperty, POSITION_FIELD, PROPERTY_OPTIONS, type PeakOptionName } from './peak-properties.js';

/** A findPeaks condition as a config gives it: the minimum, or `[min, max]` with null for an open end. */
export type ConditionConfig = number | readonly [min: number | null, max: number | null];

const CONDITION_TEXT = 'a number (the minimum) or [min, max] (null for an open end)';
const border = types.orNull(types.number());
const pair = types.tuple([border, border], '[min, max]');
const condition: ConfigType<ConditionConfig> = {
  text: CONDITION_TEXT,
  check(value) {
    if (Array.isArray(value) && value.length === 2) return pair.check(value);
    if (typeof value === 'number' && Number.isFinite(value)) return [];
    const got = Array.isArray(value) ? `a list of ${value.length}` : describeValue(value);
    return [{ path: [], message: `expected ${CONDITION_TEXT}, got ${got}` }];
  },
};

const PROPERTY_LIST = Object.keys(PROPERTY_OPTIONS).join(', ');

export const phaDeclaration = declarePrebuilt({
  name: 'analyzers.pha',
  module: new URL('./pha.js', import.meta.url),
  exportName: 'pha',
  template: 'Processor',
  summary: 'pulse-height analysis: the peaks of a waveform with findPeaks (scipy.signal.find_peaks)',
  description:
    'Finds the peaks of one channel of each waveform with findPeaks (exactly ' +
    'scipy.signal.find_peaks) under the conditions of the config, each a number (the minimum) or ' +
    '[min, max] with null for an open end. Writes the first peak of each waveform as one event of ' +
    'its sink, as the original does (noise on the top of a pulse makes several maxima there; one ' +
    'event per pulse is what a spectrum needs), or with all_peaks: true one event per peak; a ' +
    'waveform without a peak gives none. Each sink field is position (the sample index of the ' +
    "peak) or a property of findPeaks under scipy's name, and the option that gives it must be in " +
    'the config, else the run does not start ([null, null] computes a property without a cut). ' +
    "The events carry the waveform's counter, timestamp and deadtime.",
  buffers: {
    sources: { count: 1, note: 'its channel a numeric field' },
    sinks: {
      count: 1,
      dataLength: 1,
      note: `fields named position or after a property of findPeaks (${PROPERTY_LIST})`,
    },
    observes: { count: 0 },
  },
  configs: {
    channel: {
      type: types.string(),
      defaultText: "the source's first field",
      meaning: 'the field of the source whose waveform is searched',
    },
    height: { type: condition, meaning: 'peak height (the sample value at the peak); gives peak_heights' },
    threshold: {
      type: condition,
      meaning:
        'vertical distance of a peak to its neighbouring samples; gives left_thresholds, right_thresholds',
    },
    distance: {
      type: types.number({ min: 1 }),
      meaning: 'minimal distance in samples between neighbouring peaks; of two closer ones the lower goes',
    },
    prominence: {
      type: condition,
      meaning: 'how far a peak stands out of its surroundings; gives prominences, left_bases, right_bases',
    },
    width: {
      type: condition,
      meaning:
        'width in samples at rel_height; gives widths, width_heights, left_ips, right_ips (and the prominences)',
    },
    wlen: {
      type: types.number({ above: 1 }),
      defaultText: 'the whole waveform',
      meaning: 'window length in samples around each peak for its prominence',
    },
    rel_height: {
      type: types.number({ min: 0 }),
      default: 0.5,
      meaning: 'where the width is measured, as a fraction of the prominence below the top',
    },
    plateau_size: {
      type: condition,
      meaning: 'samples of a flat top; gives plateau_sizes, left_edges, right_edges',
    },
    all_peaks: {
      type: types.boolean,
      default: false,
      meaning: 'one event per peak instead of the first peak of each waveform only',
    },
  },
  check(worker, report) {
    const source = worker.sources[0];
    const sink = worker.sinks[0];
    if (source !== undefined) checkChannel(source, worker.config.channel, report);
    if (sink !== undefined) checkSinkFields(sink, worker.config, report);
  },
  example: `Buffers:
  waveforms: {slot_count: 128, data_length: 1000, data_dtype: {IN1: i2, IN2: i2}}
  pulse_parameters: {slot_count: 128, data_length: 1, data_dtype: {position: i4, peak_heights: i2}}
Workers:
  pha:
    function: analyzers.pha
    sources: [waveforms]
    sinks: [pulse_parameters]
    config: {channel: IN1, height: 500}
`,
});

function fieldList(layout: BufferLayout): string {
  return layout.fields.map((field) => `${field.name} (${field.dtype.descr})`).join(', ');
}

function checkChannel(source: BufferLayout, channel: string | undefined, report: CheckReport): void {
  const name = channel ?? source.fields[0]?.name;
  const field = source.fields.find((f) => f.name === name);
  const place = channel === undefined ? { entry: ['sources', 0] } : { config: 'channel' };
  if (field === undefined) {
    report.error(
      place,
      `expected a field of the source '${source.name}' (${fieldList(source)}), got '${name}'`,
    );
  } else if (field.dtype.kind === 'S') {
    const got =
      channel === undefined
        ? `its first field '${name}' (${field.dtype.descr}), the channel when none is given`
        : `'${name}' (${field.dtype.descr})`;
    report.error(place, `expected a numeric field of the source '${source.name}' as the channel, got ${got}`);
  }
}

function checkSinkFields(
  sink: BufferLayout,
  config: Readonly<Record<string, unknown>>,
  report: CheckReport,
): void {
  const place = { entry: ['sinks', 0] };
  for (const field of sink.fields) {
    const name = field.name;
    if (name !== POSITION_FIELD && !isPeakProperty(name)) {
      report.error(
        place,
        `expected sink fields named position or after a property of findPeaks (${PROPERTY_LIST}), got '${name}' in '${sink.name}'`,
      );
      continue;
    }
    if (field.dtype.kind === 'S') {
      report.error(
        place,
        `expected a numeric dtype for field '${name}' of '${sink.name}', got ${field.dtype.descr}`,
      );
      continue;
    }
    if (name === POSITION_FIELD) continue;
    const options: readonly PeakOptionName[] = PROPERTY_OPTIONS[name];
    if (options.some((option) => config[option] !== undefined && config[option] !== null)) continue;
    report.error(
      place,
      `expected sink fields whose property the config computes, got '${name}' in '${sink.name}', which needs ` +
        `${options.join(' or ')} in the config (${options[0]}: [null, null] computes it for every peak)`,
    );
  }
}
