import type { Socket } from 'node:net';

/** Longest line either side accepts: a welcome with 5000 log lines and the displays fits well. */
const MAX_LINE_BYTES = 64 * 1024 * 1024;
/** A peer that reads this far behind is cut off (it reconnects and starts from a fresh state). */
const MAX_BACKLOG_BYTES = 32 * 1024 * 1024;

/**
 * JSON messages, one per line, over a socket. `onMessage` gets each parsed line; a line that is
 * not JSON, or longer than MAX_LINE_BYTES, ends the connection.
 */
export class LineChannel<Out, In> {
  readonly socket: Socket;
  #partial = '';

  constructor(socket: Socket, onMessage: (message: In) => void) {
    this.socket = socket;
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      const pieces = (this.#partial + chunk).split('\n');
      this.#partial = pieces.pop() ?? '';
      if (this.#partial.length > MAX_LINE_BYTES) return void socket.destroy();
      for (const piece of pieces) {
        if (piece === '') continue;
        let message: In;
        try {
          message = JSON.parse(piece) as In;
        } catch {
          return void socket.destroy();
        }
        onMessage(message);
        if (socket.destroyed) return;
      }
    });
    // A peer that went away is only a closed connection.
    socket.on('error', () => undefined);
  }

  /** Sends one message; a peer too far behind is disconnected instead. */
  send(message: Out): void {
    if (this.socket.destroyed || !this.socket.writable) return;
    if (this.socket.writableLength > MAX_BACKLOG_BYTES) return void this.socket.destroy();
    this.socket.write(JSON.stringify(message) + '\n');
  }

  /** Sends a message that has been serialised already (once for every peer). */
  sendText(line: string): void {
    if (this.socket.destroyed || !this.socket.writable) return;
    if (this.socket.writableLength > MAX_BACKLOG_BYTES) return void this.socket.destroy();
    this.socket.write(line);
  }

  close(): void {
    this.socket.end();
  }
}
