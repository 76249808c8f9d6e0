import type net from 'node:net';
import { DeviceError } from '../../../errors.js';
import { connectDevice, deviceName, type DeviceAddress } from './connect.js';
import { Command, encodeCommand, startCommands, type OscilloscopeSettings } from './protocol.js';
import { WaveformAssembler } from './waveform-assembler.js';

/** The socket reads this many bytes at most into one reused buffer. */
const READ_BUFFER_BYTES = 256 * 1024;
/** While a waveform is awaited, a stop request and a stall are looked for this often. */
const WATCH_INTERVAL_MS = 50;

export interface WaveformSourceOptions extends DeviceAddress {
  readonly settings: OscilloscopeSettings;
  /** Waveforms the device sends after each start of acquisition (command 31). */
  readonly setSize: number;
  /** For connecting, and for the rest of a waveform once it has begun. */
  readonly timeoutMs: number;
  /** The sink's stop flag: checked while a waveform is awaited. */
  readonly isStopRequested: () => boolean;
}

/**
 * The waveforms of one Red Pitaya, each written straight into a slot's IN1 and IN2. next() asks
 * for set_size waveforms at a time (command 31), as the original does, and pauses the socket
 * between waveforms, so a full buffer holds the device back through TCP. Between waveforms the
 * device may be quiet for as long as no trigger comes; inside one, silence longer than the
 * timeout, or a closed connection, is an error that names the device and what was missing.
 */
export class WaveformSource {
  readonly #options: WaveformSourceOptions;
  readonly #device: string;
  readonly #assembler: WaveformAssembler;
  readonly #acquire: Buffer;
  readonly #watch: NodeJS.Timeout;
  #socket: net.Socket | undefined;
  #leftInSet = 0;
  #lastDataMs = 0;
  #failure: DeviceError | undefined;
  #isClosing = false;
  #resolve: ((keep: boolean) => void) | undefined;
  #reject: ((error: Error) => void) | undefined;
  readonly #waitFor = (resolve: (keep: boolean) => void, reject: (error: Error) => void): void => {
    this.#resolve = resolve;
    this.#reject = reject;
  };

  private constructor(options: WaveformSourceOptions) {
    this.#options = options;
    this.#device = deviceName(options);
    this.#assembler = new WaveformAssembler(options.settings.samples, READ_BUFFER_BYTES);
    this.#acquire = encodeCommand(Command.START_ACQUISITION, 0, options.setSize);
    this.#watch = setInterval(() => this.#check(), WATCH_INTERVAL_MS);
  }

  /** Connects, configures the oscilloscope and starts it (no waveform is asked for yet). */
  static async open(options: WaveformSourceOptions): Promise<WaveformSource> {
    const source = new WaveformSource(options);
    try {
      const socket = await connectDevice(options, options.timeoutMs, {
        buffer: source.#assembler.buffer,
        callback: (count) => source.#onData(count),
      });
      source.#socket = socket;
      socket.on('end', () => source.#onBroken(undefined));
      socket.on('error', (error) => source.#onBroken(error));
      socket.on('close', () => source.#onBroken(undefined));
      socket.write(startCommands(options.settings));
    } catch (error) {
      source.close();
      throw error;
    }
    return source;
  }

  /** The device as messages name it. */
  get device(): string {
    return this.#device;
  }

  /** Waveforms received whole since the start. */
  get waveforms(): number {
    return this.#assembler.completed;
  }

  /**
   * Fills the channels with the next waveform: true at once when bytes already received complete
   * it, else a promise of true; false once a stop was requested. Rejects with a DeviceError.
   */
  next(in1: Int16Array, in2: Int16Array): boolean | Promise<boolean> {
    if (this.#failure !== undefined) throw this.#failure;
    if (this.#options.isStopRequested()) return false;
    const socket = this.#socket as net.Socket;
    this.#assembler.begin(in1, in2);
    if (this.#leftInSet === 0) {
      socket.write(this.#acquire);
      this.#leftInSet = this.#options.setSize;
    }
    this.#leftInSet--;
    if (this.#assembler.resume()) return true;
    this.#lastDataMs = performance.now();
    socket.resume();
    return new Promise(this.#waitFor);
  }

  /** Ends the connection (the device needs no goodbye). */
  close(): void {
    this.#isClosing = true;
    clearInterval(this.#watch);
    this.#socket?.destroy();
  }

  /** The socket read `count` bytes into the assembler's buffer; false pauses it. */
  #onData(count: number): boolean {
    this.#lastDataMs = performance.now();
    if (!this.#assembler.push(count)) return true;
    this.#settle(true);
    return false;
  }

  #settle(keep: boolean): void {
    const resolve = this.#resolve;
    this.#resolve = this.#reject = undefined;
    resolve?.(keep);
  }

  #fail(failure: DeviceError): void {
    this.#failure ??= failure;
    const reject = this.#reject;
    this.#resolve = this.#reject = undefined;
    this.close();
    reject?.(this.#failure);
  }

  #check(): void {
    if (this.#resolve === undefined) return;
    if (this.#options.isStopRequested()) {
      this.#settle(false);
      return;
    }
    const silentMs = performance.now() - this.#lastDataMs;
    if (this.#assembler.isInsideWaveform && silentMs > this.#options.timeoutMs) {
      this.#fail(
        new DeviceError(
          `${this.#device} stalled in the middle of waveform ${this.#assembler.completed + 1}: ` +
            `no data for ${(silentMs / 1000).toFixed(1)} s after ${this.#describeProgress()}`,
        ),
      );
    }
  }

  #onBroken(error: NodeJS.ErrnoException | undefined): void {
    if (this.#isClosing) return;
    const how =
      error === undefined ? 'closed the connection' : `broke the connection (${error.code ?? error.message})`;
    const number = this.#assembler.completed + 1;
    const where = this.#assembler.isInsideWaveform
      ? `in the middle of waveform ${number}: got ${this.#describeProgress()}`
      : `while the importer waited for waveform ${number} (after ${this.#assembler.completed} whole ones)`;
    this.#fail(new DeviceError(`${this.#device} ${how} ${where}`, { cause: error }));
  }

  #describeProgress(): string {
    const { samples } = this.#options.settings;
    const a = this.#assembler;
    return `${a.bytesReceived} of its ${a.waveformBytes} bytes (${samples} + 100 sample pairs of IN1 and IN2)`;
  }
}
