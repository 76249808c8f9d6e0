import { MAX_DISPLAY_SERIES } from '../../display/index.js';
import { Observer, type BufferIO } from '../../templates/index.js';
import { readConfig } from '../declaration/index.js';
import { oscilloscopeDeclaration, plottableFields } from './oscilloscope.declaration.js';
import { toHexColor } from './plot-colors.js';
import { ScopeTrace } from './scope-trace.js';

/** A display is written at most this often: looking more often would be wasted. */
const MAX_FRAMES_PER_S = 10;

/**
 * observers.oscilloscope: the newest waveform of each channel of the observed buffer, scaled to
 * its units, as a lines display named after the worker (1 observed buffer). Ends with the buffer.
 */
export async function oscilloscope(io: BufferIO): Promise<void> {
  const config = readConfig(io, oscilloscopeDeclaration);
  const observer = new Observer(io, { interval: Math.max(config.update_interval, 1 / MAX_FRAMES_PER_S) });
  const buffer = io.observes[0]?.buffer.name ?? '';
  const trace = new ScopeTrace({
    title: `Oscilloscope: ${buffer}`,
    channels: config.channels ?? plottableFields(observer.layout).slice(0, MAX_DISPLAY_SERIES),
    samples: observer.layout.dataLength,
    tScaling: config.t_scaling,
    yScaling: config.y_scaling,
    ylim: config.ylim,
    triggerLevel: config.trigger_level,
    colors: config.colors?.map((spec) => toHexColor(spec) ?? spec),
  });
  const display = io.display(io.name, { maxRateHz: MAX_FRAMES_PER_S });
  let hasToldOfNonFinite = false;
  for await (const [data, metadata] of observer) {
    if (trace.show(data)) {
      display.publish(trace.content);
    } else if (!hasToldOfNonFinite) {
      hasToldOfNonFinite = true;
      io.logError(
        `event ${metadata.counter} of '${buffer}' has NaN or infinite samples: such waveforms are not shown\n`,
      );
    }
  }
}
