import type { BufferIO } from '../templates/index.js';
import type { NatsLink } from './link.js';

/** How often the display is drawn again. */
const REFRESH_MS = 1000;
const LABEL_WIDTH = 10;

/** A line of the status display: a label and what it says. */
export type StatusRow = readonly [label: string, text: string];

/**
 * A text display 'NATS' of a NATS worker process in the TUI (a tab of its own): the server and
 * whether it is there, the stream and run, and what went through. Drawn every second, and at once
 * when the server goes away or comes back, so an outage shows in the TUI as in the log.
 */
export class StatusDisplay {
  readonly #io: BufferIO;
  readonly #link: NatsLink;
  readonly #title: string;
  readonly #rows: () => readonly StatusRow[];
  readonly #timer: NodeJS.Timeout;

  constructor(io: BufferIO, link: NatsLink, title: string, rows: () => readonly StatusRow[]) {
    this.#io = io;
    this.#link = link;
    this.#title = title;
    this.#rows = rows;
    this.#timer = setInterval(() => this.draw(), REFRESH_MS);
    this.#timer.unref();
    link.onDisconnect(() => this.draw());
    link.onReconnect(() => this.draw());
    this.draw();
  }

  draw(): void {
    const link = this.#link;
    const server = link.isConnected
      ? `${link.server}: connected`
      : `${link.server}: AWAY for ${link.downSeconds.toFixed(1)} s, reconnecting`;
    const rows: StatusRow[] = [['server', server], ...this.#rows()];
    this.#io.display('NATS', { maxRateHz: 2 }).publish({
      kind: 'text',
      title: this.#title,
      lines: rows.map(([label, text]) => `${label.padEnd(LABEL_WIDTH)} ${text}`),
    });
  }

  /** Draws the last state and stops. */
  close(): void {
    clearInterval(this.#timer);
    this.draw();
    this.#io.flushDisplays();
  }
}
