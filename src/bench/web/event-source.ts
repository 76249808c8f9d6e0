import { request, type ClientRequest, type IncomingMessage } from 'node:http';

/** One server-sent event: its name (`message` when it has none) and its data. */
export interface ServerEvent {
  readonly name: string;
  readonly data: string;
}

/**
 * A reader of server-sent events in Node, as a page takes them: every event, parsed, counted.
 * For the benchmark's page clients and the tests of the web server.
 */
export class NodeEventSource {
  /** Events received so far, and their bytes on the wire. */
  events = 0;
  bytes = 0;
  readonly #listeners = new Set<(event: ServerEvent) => void>();
  readonly #request: ClientRequest;
  /** Resolves with the response's status once its head has come. */
  readonly opened: Promise<number>;
  /** Resolves when the stream has ended (the server closed it, or close()). */
  readonly closed: Promise<void>;

  constructor(url: string, headers: Readonly<Record<string, string>> = {}) {
    let opened: (status: number) => void = () => undefined;
    let closed: () => void = () => undefined;
    this.opened = new Promise((resolve) => (opened = resolve));
    this.closed = new Promise((resolve) => (closed = resolve));
    this.#request = request(url, { headers: { Accept: 'text/event-stream', ...headers } }, (response) => {
      opened(response.statusCode ?? 0);
      this.#read(response);
      response.on('close', closed);
    });
    this.#request.on('error', () => {
      opened(0);
      closed();
    });
    this.#request.end();
  }

  onEvent(listener: (event: ServerEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  }

  /** The next event named `name`; rejects at the deadline or when the stream ends first. */
  next(name: string, timeoutMs: number): Promise<ServerEvent> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        stop();
        reject(new Error(`no '${name}' event within ${timeoutMs} ms (${this.events} events came)`));
      }, timeoutMs);
      const stop = this.onEvent((event) => {
        if (event.name !== name) return;
        clearTimeout(timer);
        stop();
        resolve(event);
      });
      void this.closed.then(() => {
        clearTimeout(timer);
        stop();
        reject(new Error(`the stream ended before a '${name}' event (${this.events} events came)`));
      });
    });
  }

  close(): void {
    this.#request.destroy();
  }

  #read(response: IncomingMessage): void {
    let partial = '';
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      this.bytes += Buffer.byteLength(chunk);
      const blocks = (partial + chunk).split('\n\n');
      partial = blocks.pop() ?? '';
      for (const block of blocks) this.#dispatch(block);
    });
  }

  #dispatch(block: string): void {
    let name = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event: ')) name = line.slice('event: '.length);
      else if (line.startsWith('data: ')) data.push(line.slice('data: '.length));
    }
    if (data.length === 0) return;
    this.events++;
    const event = { name, data: data.join('\n') };
    for (const listener of this.#listeners) listener(event);
  }
}
