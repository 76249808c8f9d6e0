// The Red Pitaya oscilloscope protocol of the original's importer (docs/redpitaya.md): 8-byte
// little-endian command words `code << 56 | number << 52 | value (52 bits)`; after command 31 the
// device sends set_size waveforms of 2 x (N + 100) int16, IN1 and IN2 interleaved.

export const DEFAULT_PORT = 1001;
export const SAMPLE_RATES = [1, 4, 8, 16, 32, 54, 128, 256] as const;
export const INPUTS = { IN1: 0, IN2: 1 } as const;
export const TRIGGER_SLOPES = { rising: 0, falling: 1 } as const;
export const TRIGGER_MODES = { normal: 0, auto: 1 } as const;
export const MIN_ADC_VALUE = -4096;
export const MAX_ADC_VALUE = 4095;
/** The device's largest total number of samples per waveform (the N + 100 it is sent). */
export const MAXIMUM_SAMPLES = 8_388_607;
/** The last samples of a waveform are unreliable: the importer asks for this many more and drops them. */
export const CUT_OFF_SAMPLES = 100;
/** Bytes of one sample pair on the wire: IN1 and IN2, int16 each. */
export const PAIR_BYTES = 4;

export const Command = {
  RESET_OSCILLOSCOPE: 2,
  SAMPLE_RATE: 4,
  NEGATOR: 5,
  TRIGGER_SOURCE: 13,
  TRIGGER_SLOPE: 14,
  TRIGGER_MODE: 15,
  TRIGGER_LEVEL: 16,
  SAMPLES_BEFORE_TRIGGER: 17,
  TOTAL_SAMPLES: 18,
  START_OSCILLOSCOPE: 19,
  START_ACQUISITION: 31,
} as const;

const VALUE_MASK = (1n << 52n) - 1n;
export const COMMAND_BYTES = 8;

/** What the device is told at the start. */
export interface OscilloscopeSettings {
  readonly sampleRate: number;
  readonly negatorIN1: boolean;
  readonly negatorIN2: boolean;
  readonly triggerSlope: keyof typeof TRIGGER_SLOPES;
  readonly triggerMode: keyof typeof TRIGGER_MODES;
  /** ADC counts; a negative level goes as its two's complement in 52 bits. */
  readonly triggerLevel: number;
  readonly triggerSource: keyof typeof INPUTS;
  readonly samplesBeforeTrigger: number;
  /** N, the samples per channel the importer keeps (the sink's data_length). */
  readonly samples: number;
}

/** One command word: code in the top byte, a 4-bit number (channel), a 52-bit value. */
export function encodeCommand(code: number, number: number, value: number): Buffer {
  const word = (BigInt(code) << 56n) | (BigInt(number) << 52n) | (BigInt(value) & VALUE_MASK);
  const bytes = Buffer.alloc(COMMAND_BYTES);
  bytes.writeBigUInt64LE(word);
  return bytes;
}

/** The words the original sends before the first acquisition, in its order. */
export function startCommands(s: OscilloscopeSettings): Buffer {
  return Buffer.concat([
    encodeCommand(Command.SAMPLE_RATE, 0, s.sampleRate),
    encodeCommand(Command.NEGATOR, INPUTS.IN1, s.negatorIN1 ? 1 : 0),
    encodeCommand(Command.NEGATOR, INPUTS.IN2, s.negatorIN2 ? 1 : 0),
    encodeCommand(Command.TRIGGER_SLOPE, 0, TRIGGER_SLOPES[s.triggerSlope]),
    encodeCommand(Command.TRIGGER_MODE, 0, TRIGGER_MODES[s.triggerMode]),
    encodeCommand(Command.TRIGGER_LEVEL, 0, s.triggerLevel),
    encodeCommand(Command.SAMPLES_BEFORE_TRIGGER, 0, s.samplesBeforeTrigger),
    encodeCommand(Command.TRIGGER_SOURCE, INPUTS[s.triggerSource], 0),
    encodeCommand(Command.TOTAL_SAMPLES, 0, s.samples + CUT_OFF_SAMPLES),
    encodeCommand(Command.RESET_OSCILLOSCOPE, 0, 0),
    encodeCommand(Command.START_OSCILLOSCOPE, 0, 0),
  ]);
}

/** Bytes of one waveform on the wire, cut-off included. */
export function waveformBytes(samples: number): number {
  return (samples + CUT_OFF_SAMPLES) * PAIR_BYTES;
}
