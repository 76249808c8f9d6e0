import type { Writer } from '../../../buffer/index.js';
import { Importer, type BufferIO } from '../../../templates/index.js';
import { validateArity } from '../../../templates/setup-checks.js';
import { readConfig } from '../../declaration/index.js';
import { waveformDeclaration } from './waveform.declaration.js';
import { WaveformSource } from './waveform-source.js';

type Channels = { IN1: Int16Array; IN2: Int16Array };

/**
 * importers.redpitaya.waveform: the waveforms of a Red Pitaya oscilloscope (0 sources, 1 sink with
 * data_dtype {IN1: int16, IN2: int16}; data_length is the samples per channel). Its config and
 * sink were checked before the start (waveform.declaration.ts); this connects, configures the
 * device and streams until a stop. A device that cannot be reached fails the start.
 */
export async function waveform(io: BufferIO): Promise<void> {
  validateArity(io, 'Importer', { sources: 0, sinks: 1, observes: 0 });
  const config = readConfig(io, waveformDeclaration);
  const sink = io.sinks[0] as Writer;
  const source = await WaveformSource.open({
    host: config.ip,
    port: config.port,
    timeoutMs: config.timeout * 1000,
    setSize: config.set_size,
    isStopRequested: () => sink.isStopRequested,
    settings: {
      sampleRate: config.sample_rate,
      negatorIN1: config.negator_IN1,
      negatorIN2: config.negator_IN2,
      triggerSlope: config.trigger_slope,
      triggerMode: config.trigger_mode,
      triggerLevel: config.trigger_level,
      triggerSource: config.trigger_source,
      samplesBeforeTrigger: config.number_of_samples_before_trigger,
      samples: sink.buffer.layout.dataLength,
    },
  });
  try {
    await new Importer<Channels>(io).runInPlace((data) => source.next(data.IN1, data.IN2));
  } finally {
    source.close();
  }
  process.stdout.write(`${source.waveforms} waveforms from ${source.device}\n`);
}
