import type { Writer } from '../../../buffer/index.js';
import { Importer, type BufferIO } from '../../../templates/index.js';
import { describeFields, failSetup, validateArity } from '../../../templates/setup-checks.js';
import { DEFAULT_PORT, type OscilloscopeSettings } from './protocol.js';
import { WaveformSource } from './waveform-source.js';

type Channels = { IN1: Int16Array; IN2: Int16Array };

/** Seconds to connect, and to receive the rest of a waveform once it has begun. */
export const DEFAULT_TIMEOUT_S = 5;
export const DEFAULT_SET_SIZE = 100;

/**
 * importers.redpitaya.waveform: the waveforms of a Red Pitaya oscilloscope (0 sources, 1 sink with
 * data_dtype {IN1: int16, IN2: int16}; data_length is the samples per channel). The config was
 * checked before the start (redpitaya.declaration.ts); this connects, configures and streams.
 */
export async function waveform(io: BufferIO): Promise<void> {
  validateArity(io, 'Importer', { sources: 0, sinks: 1, observes: 0 });
  const sink = io.sinks[0] as Writer;
  const { layout } = sink.buffer;
  if (describeFields(layout) !== 'IN1: <i2, IN2: <i2') {
    throw failSetup(
      io,
      `worker '${io.name}': importers.redpitaya.waveform needs a sink with data_dtype {IN1: int16, IN2: int16}, ` +
        `got '${layout.name}' with {${describeFields(layout)}}`,
    );
  }
  const source = await WaveformSource.open({
    host: io.get<string>('ip'),
    port: io.get('port', DEFAULT_PORT),
    timeoutMs: io.get('timeout', DEFAULT_TIMEOUT_S) * 1000,
    setSize: io.get('set_size', DEFAULT_SET_SIZE),
    isStopRequested: () => sink.isStopRequested,
    settings: {
      sampleRate: io.get<number>('sample_rate'),
      negatorIN1: io.get('negator_IN1', false),
      negatorIN2: io.get('negator_IN2', false),
      triggerSlope: io.get('trigger_slope', 'rising') as OscilloscopeSettings['triggerSlope'],
      triggerMode: io.get('trigger_mode', 'normal') as OscilloscopeSettings['triggerMode'],
      triggerLevel: io.get<number>('trigger_level'),
      triggerSource: io.get('trigger_source', 'IN1') as OscilloscopeSettings['triggerSource'],
      samplesBeforeTrigger: io.get<number>('number_of_samples_before_trigger'),
      samples: layout.dataLength,
    },
  });
  try {
    await new Importer<Channels>(io).runInPlace((data) => source.next(data.IN1, data.IN2));
  } finally {
    source.close();
  }
  process.stdout.write(`${source.waveforms} waveforms from ${source.device}\n`);
}
