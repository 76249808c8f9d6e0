import type { LogLine } from '../../control/logs/index.js';
import { el, replaceChildren } from './dom.js';
import { MAX_LINES } from './store.js';

const ALL = '';

function labelOf(line: LogLine): string {
  return line.processIndex === undefined ? line.worker : `${line.worker}[${line.processIndex}]`;
}

/**
 * Every process's output and control's notices: filter by worker or text, errors only, and
 * follow (keep the newest line in view; scrolling up stops following).
 */
export class LogView {
  readonly element: HTMLElement;
  readonly #worker = el('select', { attrs: { 'aria-label': 'worker' } });
  readonly #text = el('input', {
    attrs: { type: 'search', placeholder: 'filter text', 'aria-label': 'filter text' },
  });
  readonly #errorsOnly = el('input', { attrs: { type: 'checkbox' } });
  readonly #follow = el('input', { attrs: { type: 'checkbox' } });
  readonly #list = el('div', { className: 'log-lines', attrs: { role: 'log' } });
  readonly #count = el('span', { className: 'count' });
  #workers: readonly string[] = [];
  #lines: readonly LogLine[] = [];

  constructor() {
    this.#follow.checked = true;
    this.element = el(
      'div',
      { className: 'logs' },
      el(
        'div',
        { className: 'log-filters' },
        this.#worker,
        this.#text,
        el('label', {}, this.#errorsOnly, ' errors only'),
        el('label', {}, this.#follow, ' follow'),
        this.#count,
      ),
      this.#list,
    );
    for (const input of [this.#worker, this.#errorsOnly])
      input.addEventListener('change', () => this.#redraw());
    this.#text.addEventListener('input', () => this.#redraw());
    this.#follow.addEventListener('change', () => this.#scrollIfFollowing());
    this.#list.addEventListener('scroll', () => {
      const atEnd = this.#list.scrollTop + this.#list.clientHeight >= this.#list.scrollHeight - 4;
      if (this.#follow.checked !== atEnd && document.activeElement !== this.#follow)
        this.#follow.checked = atEnd;
    });
  }

  /** The worker names to filter by (control's notices come as `control`). */
  setWorkers(workers: readonly string[]): void {
    if (workers.join('\u0000') === this.#workers.join('\u0000')) return;
    this.#workers = workers;
    const chosen = this.#worker.value;
    replaceChildren(
      this.#worker,
      el('option', { attrs: { value: ALL } }, 'all workers'),
      ...workers.map((worker) => el('option', { attrs: { value: worker } }, worker)),
    );
    this.#worker.value = workers.includes(chosen) ? chosen : ALL;
  }

  /** Every line kept (after a (re)connection). */
  reset(lines: readonly LogLine[]): void {
    this.#lines = lines;
    this.#redraw();
  }

  /** New lines; `all` is every line kept, including these. */
  append(lines: readonly LogLine[], all: readonly LogLine[]): void {
    this.#lines = all;
    this.#list.append(...lines.filter((line) => this.#isShown(line)).map((line) => this.#row(line)));
    while (this.#list.childElementCount > MAX_LINES) this.#list.firstElementChild?.remove();
    this.#updateCount();
    this.#scrollIfFollowing();
  }

  #isShown(line: LogLine): boolean {
    const worker = this.#worker.value;
    const text = this.#text.value.toLowerCase();
    return (
      (worker === ALL || line.worker === worker) &&
      (!this.#errorsOnly.checked || line.isError) &&
      (text === '' || line.text.toLowerCase().includes(text))
    );
  }

  #row(line: LogLine): HTMLElement {
    return el(
      'div',
      { className: line.isError ? 'line error' : line.worker === 'control' ? 'line notice' : 'line' },
      el('span', { className: 'who' }, labelOf(line)),
      el('span', { className: 'text' }, line.text),
    );
  }

  #redraw(): void {
    replaceChildren(
      this.#list,
      ...this.#lines.filter((line) => this.#isShown(line)).map((line) => this.#row(line)),
    );
    this.#updateCount();
    this.#scrollIfFollowing();
  }

  #updateCount(): void {
    this.#count.textContent = `${this.#list.childElementCount} of ${this.#lines.length} lines`;
  }

  #scrollIfFollowing(): void {
    if (this.#follow.checked) this.#list.scrollTop = this.#list.scrollHeight;
  }
}
