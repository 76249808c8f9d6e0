import type { PageEvents } from '../page-state.js';
import type { Store } from './store.js';

/** After the server refused the stream (e.g. while the run starts), the next try comes after this. */
const RETRY_MS = 2000;

/**
 * Listens to the server's events (`/events`). After a dropped connection the browser reconnects
 * by itself, and after a refused one this does; the server then sends the whole state again.
 * Once the run has finished the stream is closed for good and the page keeps what it shows.
 */
export function connect(store: Store, changed: () => void): void {
  const source = new EventSource('events');
  const on = <K extends keyof PageEvents>(name: K, handle: (data: PageEvents[K]) => void) =>
    source.addEventListener(name, (event) => {
      handle(JSON.parse((event as MessageEvent<string>).data) as PageEvents[K]);
      changed();
    });
  on('init', (state) => {
    store.init(state);
    store.setConnection(state.result === undefined ? 'live' : 'finished');
    if (state.result !== undefined) source.close();
  });
  on('snapshot', (data) => store.snapshot(data));
  on('lines', (lines) => store.addLines(lines));
  on('notices', (notices) => (store.notice = notices.at(-1)));
  on('displays', (frames) => store.addDisplays(frames));
  on('finished', (result) => {
    store.finish(result);
    store.setConnection('finished');
    source.close();
  });
  source.addEventListener('error', () => {
    if (store.connection === 'finished') return;
    store.setConnection(store.info === undefined ? 'connecting' : 'lost');
    changed();
    if (source.readyState === EventSource.CLOSED) window.setTimeout(() => connect(store, changed), RETRY_MS);
  });
}
