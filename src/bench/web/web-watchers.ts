import { get } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { NodeEventSource } from './event-source.js';

/** What the watchers of one run took in. */
export interface WatchFigures {
  /** Events all pages received, and their bytes. */
  readonly pageEvents: number;
  readonly pageBytes: number;
  /** /metrics scrapes that answered 200. */
  readonly scrapes: number;
}

const RETRY_MS = 100;

/**
 * Scenario W's onlookers of a run's web server: `pages` clients that take every server-sent
 * event (reconnecting while the run starts) and a Prometheus-like scraper of /metrics every
 * `scrapeEveryMs`, until stop().
 */
export class WebWatchers {
  readonly #base: string;
  readonly #headers: Readonly<Record<string, string>>;
  readonly #sources = new Set<NodeEventSource>();
  #isStopped = false;
  #pageEvents = 0;
  #pageBytes = 0;
  #scrapes = 0;
  readonly #loops: Promise<void>[] = [];

  constructor(port: number, token: string, pages: number, scrapeEveryMs: number) {
    this.#base = `http://127.0.0.1:${port}/`;
    this.#headers = { Authorization: `Bearer ${token}` };
    for (let i = 0; i < pages; i++) this.#loops.push(this.#page());
    this.#loops.push(this.#scrape(scrapeEveryMs));
  }

  async stop(): Promise<WatchFigures> {
    this.#isStopped = true;
    for (const source of this.#sources) source.close();
    await Promise.all(this.#loops);
    return { pageEvents: this.#pageEvents, pageBytes: this.#pageBytes, scrapes: this.#scrapes };
  }

  async #page(): Promise<void> {
    while (!this.#isStopped) {
      const source = new NodeEventSource(`${this.#base}events`, this.#headers);
      this.#sources.add(source);
      const status = await source.opened;
      await source.closed;
      this.#sources.delete(source);
      this.#pageEvents += source.events;
      this.#pageBytes += source.bytes;
      // Refused while the run starts (503) or not listening yet: try again soon.
      if (status !== 200) await sleep(RETRY_MS);
    }
  }

  async #scrape(everyMs: number): Promise<void> {
    while (!this.#isStopped) {
      const status = await new Promise<number>((resolve) => {
        get(`${this.#base}metrics`, { headers: this.#headers }, (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
        }).on('error', () => resolve(0));
      });
      if (status === 200) this.#scrapes++;
      // Not listening yet, or the run is starting (503): soon again; then on the schedule.
      await sleep(status === 200 ? everyMs : RETRY_MS);
    }
  }
}
