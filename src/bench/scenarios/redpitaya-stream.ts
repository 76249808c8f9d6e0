import { join } from 'node:path';
import { BenchError } from '../bench-error.js';
import { SimulatedDevice } from '../redpitaya-device.js';
import { measureChain } from '../setup-run/chain-check.js';
import { runSetup } from '../setup-run/run-setup.js';
import { writeSetupFiles } from '../setup-run/setup-files.js';
import { WorkerFunction } from '../setup-run/worker-module.js';
import type { RunContext, RunMeasurement, Scenario } from '../types.js';

/** Samples per channel: a waveform is 4 x (16384 + 100) bytes on the wire, 64 kB into the slot. */
const SAMPLES = 16_384;
const WIRE_BYTES_PER_WAVEFORM = (SAMPLES + 100) * 4;
const EXPORTER = 'exporter';

/**
 * RP: importers.redpitaya.waveform reading a simulated Red Pitaya over TCP (loopback, the device
 * in the benchmark's process) into a 64-slot buffer, and a checking exporter. Timed from the
 * commit of the first waveform to the receipt of the last; MB/s counts the bytes on the wire.
 */
export const redPitayaStream: Scenario = {
  name: 'RP',
  title: `importers.redpitaya.waveform from a simulated Red Pitaya, ${SAMPLES} samples x IN1, IN2 per waveform`,
  defaultEvents: 10_000,
  constants: { target_mb_per_s: 117 },
  runOnce: async (context: RunContext): Promise<RunMeasurement> => {
    const { events } = context;
    const device = await SimulatedDevice.start(SAMPLES, events);
    const dir = context.makeScratchDir();
    try {
      const setupFile = writeSetupFiles(dir.path, {
        buffers: {
          osc: { slot_count: 64, data_length: SAMPLES, data_dtype: { IN1: 'int16', IN2: 'int16' } },
        },
        workers: {
          importer: {
            function: 'importers.redpitaya.waveform',
            prebuilt: true,
            sinks: ['osc'],
            config: {
              ip: '127.0.0.1',
              port: device.port,
              sample_rate: 1,
              trigger_level: 0,
              number_of_samples_before_trigger: 0,
            },
          },
          [EXPORTER]: { function: WorkerFunction.waveformExporter, config: { events }, sources: ['osc'] },
        },
      });
      const result = await runSetup(context.runChildren, setupFile, join(dir.path, 'target'), [EXPORTER]);
      const measurement = measureChain(result, {
        events,
        buffers: ['osc'],
        importer: EXPORTER,
        stages: {},
        exporter: EXPORTER,
      });
      if (device.bytesSent !== events * WIRE_BYTES_PER_WAVEFORM)
        throw new BenchError(
          `the simulated device sent ${device.bytesSent} bytes, expected ${events * WIRE_BYTES_PER_WAVEFORM}`,
        );
      return {
        ...measurement,
        extras: {
          ...measurement.extras,
          mb_per_s: (events * WIRE_BYTES_PER_WAVEFORM) / measurement.seconds / 1e6,
          waveform_bytes: WIRE_BYTES_PER_WAVEFORM,
        },
      };
    } finally {
      dir.remove();
      await device.close();
    }
  },
};
