import net from 'node:net';

/** Waveform bytes on the wire: N + 100 sample pairs of two int16. */
function waveformBytes(samples: number): number {
  return (samples + 100) * 4;
}

/**
 * A simulated Red Pitaya for the RP scenario, in the benchmark's own process (a real device is not
 * on this machine either): on each start of acquisition (command 31) it sends set_size waveforms
 * at once, until `waveforms` are sent; then it is quiet, as with no trigger. Waveform w carries
 * w mod 32768 in the first and last kept sample of IN1 and its negative in IN2, so a reader can
 * check each one. The set is built once and only those samples change per waveform.
 */
export class SimulatedDevice {
  readonly #server: net.Server;
  readonly #sockets = new Set<net.Socket>();
  readonly #samples: number;
  readonly #waveforms: number;
  #set: Int16Array | undefined;
  #sent = 0;

  private constructor(server: net.Server, samples: number, waveforms: number) {
    this.#server = server;
    this.#samples = samples;
    this.#waveforms = waveforms;
  }

  static async start(samples: number, waveforms: number): Promise<SimulatedDevice> {
    const server = net.createServer();
    const device = new SimulatedDevice(server, samples, waveforms);
    server.on('connection', (socket) => device.#serve(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return device;
  }

  get port(): number {
    return (this.#server.address() as net.AddressInfo).port;
  }

  /** Bytes of waveform data sent. */
  get bytesSent(): number {
    return this.#sent * waveformBytes(this.#samples);
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #serve(socket: net.Socket): void {
    this.#sockets.add(socket);
    socket.on('close', () => this.#sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.setNoDelay(true);
    let pending = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      for (; pending.length >= 8; pending = pending.subarray(8)) {
        const word = pending.readBigUInt64LE(0);
        if (Number(word >> 56n) === 31) this.#sendSet(socket, Number(word & 0xfffffffffffffn));
      }
    });
  }

  // The importer asks for the next set only once it has the whole previous one: the set may be
  // rewritten in place.
  #sendSet(socket: net.Socket, setSize: number): void {
    const count = Math.min(setSize, this.#waveforms - this.#sent);
    if (count <= 0) return;
    const pairs = this.#samples + 100;
    if (this.#set?.length !== setSize * pairs * 2)
      this.#set = new Int16Array(setSize * pairs * 2).fill(32_767);
    const set = this.#set;
    for (let w = 0; w < count; w++) {
      const mark = (this.#sent + w) % 32_768;
      const first = w * pairs * 2;
      const last = first + (this.#samples - 1) * 2;
      set[first] = set[last] = mark;
      set[first + 1] = set[last + 1] = -mark;
    }
    this.#sent += count;
    socket.write(new Uint8Array(set.buffer, 0, count * pairs * 4));
  }
}
