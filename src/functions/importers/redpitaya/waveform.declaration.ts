import { describeValue } from '../../../control/setup/problems.js';
import { declarePrebuilt, types } from '../../declaration/index.js';
import {
  CUT_OFF_SAMPLES,
  DEFAULT_PORT,
  INPUTS,
  MAX_ADC_VALUE,
  MAXIMUM_SAMPLES,
  MIN_ADC_VALUE,
  SAMPLE_RATES,
  TRIGGER_MODES,
  TRIGGER_SLOPES,
} from './protocol.js';

/** The most samples per channel a sink may hold: the device is asked for 100 more. */
export const MAX_DATA_LENGTH = MAXIMUM_SAMPLES - CUT_OFF_SAMPLES;

const words = <T extends object>(choices: T) => Object.keys(choices) as (keyof T & string)[];

const host = types.refine(types.string(), 'an address or host name', (value) =>
  value.trim() === ''
    ? { path: [], message: `expected an address or host name, got ${describeValue(value)}` }
    : undefined,
);

export const waveformDeclaration = declarePrebuilt({
  name: 'importers.redpitaya.waveform',
  module: new URL('./waveform.js', import.meta.url),
  exportName: 'waveform',
  template: 'Importer',
  summary: 'waveforms of a Red Pitaya oscilloscope (IN1 and IN2) over the network',
  description:
    'Connects to the acquisition server of a Red Pitaya (TCP port 1001), sets up its oscilloscope ' +
    'as configured and puts every triggered waveform into its sink: IN1 and IN2, data_length samples ' +
    'each (the device is asked for 100 more, which are unreliable and dropped, as the original does). ' +
    'Waveforms are asked for set_size at a time. In normal trigger mode the device may stay quiet for ' +
    'as long as no trigger comes: that is no error, and a stop or --duration ends the wait. A device ' +
    'that cannot be reached (refused, unknown host, no answer within timeout) stops the start; one that ' +
    'closes the connection, or stalls for longer than timeout in the middle of a waveform, ends the ' +
    'worker with an error that says what was missing. The protocol is in docs/redpitaya.md.',
  buffers: {
    sources: { count: 0 },
    sinks: {
      count: 1,
      dtype: { IN1: 'int16', IN2: 'int16' },
      note: `data_length = samples per channel, at most ${MAX_DATA_LENGTH}`,
    },
    observes: { count: 0 },
  },
  configs: {
    ip: {
      type: host,
      required: true,
      meaning: 'address or host name of the Red Pitaya, e.g. rp-f0c38f.local',
    },
    port: {
      type: types.integer({ min: 1, max: 65_535 }),
      default: DEFAULT_PORT,
      meaning: 'TCP port of its acquisition server (not in the original, which always uses 1001)',
    },
    sample_rate: {
      type: types.numberChoice(SAMPLE_RATES),
      required: true,
      meaning: 'decimation: how many 125 MHz samples are averaged into one',
    },
    negator_IN1: { type: types.boolean, default: false, meaning: 'negate the IN1 input' },
    negator_IN2: { type: types.boolean, default: false, meaning: 'negate the IN2 input' },
    trigger_slope: {
      type: types.string(words(TRIGGER_SLOPES)),
      default: 'rising',
      meaning: 'slope of the trigger',
    },
    trigger_mode: {
      type: types.string(words(TRIGGER_MODES)),
      default: 'normal',
      meaning: 'normal: a waveform on each trigger only; auto: also without one',
    },
    trigger_level: {
      type: types.integer({ min: MIN_ADC_VALUE, max: MAX_ADC_VALUE }),
      required: true,
      meaning: 'trigger level in ADC counts',
    },
    trigger_source: { type: types.string(words(INPUTS)), default: 'IN1', meaning: 'the input that triggers' },
    number_of_samples_before_trigger: {
      type: types.integer({ min: 0 }),
      required: true,
      meaning: 'samples kept before the trigger, at most the data_length of the sink',
    },
    set_size: {
      type: types.integer({ min: 1 }),
      default: 100,
      meaning: 'waveforms the device is asked for at a time',
    },
    timeout: {
      type: types.number({ above: 0 }),
      default: 5,
      meaning:
        'seconds to wait for the connection, and for the rest of a waveform once it has begun (not in the original)',
    },
  },
  example: `Buffers:
  osc: {slot_count: 64, data_length: 16384, data_dtype: {IN1: int16, IN2: int16}}
Workers:
  redpitaya:
    function: importers.redpitaya.waveform
    sinks: [osc]
    config: {ip: rp-f0c38f.local, sample_rate: 4, trigger_level: 100, number_of_samples_before_trigger: 1000}
  record:
    function: data.export
    sources: [osc]
`,
  check(worker, report) {
    const sink = worker.sinks[0];
    if (sink === undefined) return;
    const before = worker.config.number_of_samples_before_trigger;
    if (before > sink.dataLength) {
      report.error(
        { config: 'number_of_samples_before_trigger' },
        `expected a whole number from 0 to ${sink.dataLength} (the data_length of sink '${sink.name}'), got ${describeValue(before)}`,
      );
    }
    if (sink.dataLength > MAX_DATA_LENGTH) {
      report.error(
        { entry: ['sinks', 0] },
        `expected a buffer with data_length ≤ ${MAX_DATA_LENGTH} (the device sends at most ${MAXIMUM_SAMPLES} ` +
          `samples per waveform, ${CUT_OFF_SAMPLES} of which are dropped), got '${sink.name}' with data_length ${sink.dataLength}`,
      );
    }
  },
});
