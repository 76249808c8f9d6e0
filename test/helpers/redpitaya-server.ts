// A simulated Red Pitaya for the tests: a TCP server on a free port of 127.0.0.1 that decodes
// the 8-byte command words it receives (code << 56 | number << 52 | 52-bit value) and, for each
// start of acquisition (code 31, value set_size), sends set_size waveforms of N + 100 sample
// pairs (IN1, IN2 as int16, interleaved), N taken from the total-samples command (18, N + 100).
// Written from the protocol description, independently of the importer's code.
import net from 'node:net';
import { waitFor } from './processes.js';

/** A decoded command word. */
export interface RedPitayaCommand {
  readonly code: number;
  readonly number: number;
  /** The 52-bit value as sent (a negative level arrives as its two's complement). */
  readonly value: bigint;
}

/** The sample pair the device sends at index `i` of waveform `w` (0-based), cut-off included. */
export function simulatedSample(w: number, i: number, samples: number): [number, number] {
  // The cut-off pairs carry a value the kept ones never have, so a test sees if they leak in.
  if (i >= samples) return [32_767, -32_768];
  const in1 = ((w * 131 + i * 7) % 8000) - 4000;
  return [in1, -in1 - 1];
}

export interface SimulatedRedPitayaOptions {
  /** Waveforms it has in total; once they are sent it is quiet, as with no trigger. */
  readonly waveforms: number;
  /**
   * Each set is written in pieces of these sizes in turn (odd ones split sample pairs), with a
   * turn of the event loop between pieces. @default one write per set
   */
  readonly pieceBytes?: readonly number[];
  /** After this many bytes of waveform data: 'close' the connection, or 'stall' (send nothing more). */
  readonly breakOff?: { readonly afterBytes: number; readonly how: 'close' | 'stall' };
}

/** Waits until the socket can take more, or it closed. */
function drained(socket: net.Socket): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      socket.off('drain', done);
      socket.off('close', done);
      resolve();
    };
    socket.once('drain', done);
    socket.once('close', done);
  });
}

export class SimulatedRedPitaya {
  readonly commands: RedPitayaCommand[] = [];
  readonly #server: net.Server;
  readonly #options: SimulatedRedPitayaOptions;
  #isBroken = false;
  readonly #sockets = new Set<net.Socket>();
  #samples = 0;
  #sent = 0;
  #dataBytes = 0;
  /** Connections accepted so far. */
  connections = 0;

  private constructor(server: net.Server, options: SimulatedRedPitayaOptions) {
    this.#server = server;
    this.#options = options;
  }

  static async start(options: SimulatedRedPitayaOptions): Promise<SimulatedRedPitaya> {
    const server = net.createServer();
    const device = new SimulatedRedPitaya(server, options);
    server.on('connection', (socket) => device.#accept(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return device;
  }

  get port(): number {
    return (this.#server.address() as net.AddressInfo).port;
  }

  /** Waveforms sent whole. */
  get waveformsSent(): number {
    return this.#sent;
  }

  /** Waits until `count` commands have arrived. */
  async waitForCommands(count: number, deadlineMs = 10_000): Promise<void> {
    await waitFor(
      () => this.commands.length >= count,
      `${count} commands at the simulated Red Pitaya`,
      deadlineMs,
      () => this.commands,
    );
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #accept(socket: net.Socket): void {
    this.connections++;
    this.#sockets.add(socket);
    socket.on('close', () => this.#sockets.delete(socket));
    socket.on('error', () => undefined);
    let pending = Buffer.alloc(0);
    let sending = Promise.resolve();
    socket.on('data', (chunk) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 8) {
        const word = pending.readBigUInt64LE(0);
        pending = pending.subarray(8);
        const command = {
          code: Number(word >> 56n),
          number: Number((word >> 52n) & 0xfn),
          value: word & ((1n << 52n) - 1n),
        };
        this.commands.push(command);
        if (command.code === 18) this.#samples = Number(command.value) - 100;
        if (command.code === 31) {
          const setSize = Number(command.value);
          sending = sending.then(() => this.#sendSet(socket, setSize));
        }
      }
    });
  }

  async #sendSet(socket: net.Socket, setSize: number): Promise<void> {
    const count = Math.min(setSize, this.#options.waveforms - this.#sent);
    if (count <= 0 || this.#isBroken) return;
    const pairs = this.#samples + 100;
    const wire = new Int16Array(count * pairs * 2);
    for (let w = 0; w < count; w++) {
      for (let i = 0; i < pairs; i++) {
        const [in1, in2] = simulatedSample(this.#sent + w, i, this.#samples);
        wire[(w * pairs + i) * 2] = in1;
        wire[(w * pairs + i) * 2 + 1] = in2;
      }
    }
    let bytes = Buffer.from(wire.buffer);
    const { breakOff } = this.#options;
    const isBreaking = breakOff !== undefined && this.#dataBytes + bytes.length >= breakOff.afterBytes;
    if (breakOff !== undefined && isBreaking)
      bytes = bytes.subarray(0, breakOff.afterBytes - this.#dataBytes);
    const pieces = this.#options.pieceBytes ?? [bytes.length];
    for (let at = 0, k = 0; at < bytes.length && !socket.destroyed; k++) {
      const size = Math.max(1, pieces[k % pieces.length] as number);
      if (!socket.write(bytes.subarray(at, at + size))) await drained(socket);
      at += size;
      if (pieces.length > 1) await new Promise((resolve) => setImmediate(resolve));
    }
    this.#dataBytes += bytes.length;
    this.#sent += Math.floor(bytes.length / (pairs * 4));
    if (isBreaking) {
      this.#isBroken = true;
      if (breakOff.how === 'close') socket.end();
    }
  }
}
