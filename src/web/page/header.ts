import type { RunCommand } from '../../control/live/index.js';
import { formatBytes, formatDuration, formatPercent } from '../../ui/format.js';
import { formatSummary } from '../../ui/summary.js';
import { sendCommand } from './api.js';
import { confirmAction } from './confirm.js';
import { el, replaceChildren } from './dom.js';
import type { Store } from './store.js';

/** A control button: what it asks (if it does), what it sends. */
interface Control {
  readonly label: string;
  readonly question?: string;
  readonly command: RunCommand;
  readonly isDanger?: boolean;
}

const STATE_TEXT = {
  running: 'running',
  paused: 'roots paused',
  stopping: 'stopping',
  finished: 'finished',
} as const;

/** The run's name, state and numbers, the controls, and the banner of a finished or lost run. */
export class Header {
  readonly element: HTMLElement;
  readonly #title = el('h1');
  readonly #state = el('span', { className: 'state' });
  readonly #facts = el('div', { className: 'facts' });
  readonly #controls = el('div', { className: 'controls' });
  readonly #banner = el('div', { className: 'banner', attrs: { role: 'status' } });
  readonly #message = el('div', { className: 'message', attrs: { 'aria-live': 'polite' } });
  readonly #store: Store;
  readonly #buttons: HTMLButtonElement[] = [];
  readonly #pause: HTMLButtonElement;

  constructor(store: Store) {
    this.#store = store;
    this.#pause = this.#button({ label: 'Pause roots', command: { type: 'pause-roots' } });
    const controls: Control[] = [
      {
        label: 'Stop roots',
        question: 'Stop the roots? The sources stop and the chain drains; the run then ends.',
        command: { type: 'stop-roots' },
      },
      {
        label: 'End all buffers',
        question: 'End every buffer now? Events still in them may be dropped.',
        command: { type: 'end-all' },
        isDanger: true,
      },
      {
        label: 'Kill all workers',
        question: 'Kill every worker process (SIGTERM, then SIGKILL after the grace)?',
        command: { type: 'kill-all' },
        isDanger: true,
      },
    ];
    replaceChildren(this.#controls, this.#pause, ...controls.map((control) => this.#button(control)));
    this.element = el(
      'header',
      {},
      el('div', { className: 'title-row' }, this.#title, this.#state),
      this.#facts,
      this.#controls,
      this.#message,
      this.#banner,
    );
  }

  /** Runs a command (after its question, if it has one) and shows control's answer. */
  async run(control: Control): Promise<void> {
    if (control.question !== undefined && !(await confirmAction(control.question, control.label))) return;
    const answer = await sendCommand(control.command);
    this.say(answer.ok ? `done: ${answer.message}` : `refused: ${answer.message}`);
  }

  say(message: string): void {
    this.#message.textContent = message;
  }

  #button(control: Control): HTMLButtonElement {
    const button = el('button', { className: control.isDanger ? 'danger' : '' }, control.label);
    button.addEventListener('click', () => {
      const paused = this.#store.status?.state === 'paused';
      const toggled: Control =
        button === this.#pause
          ? { label: button.textContent ?? '', command: { type: paused ? 'resume-roots' : 'pause-roots' } }
          : control;
      void this.run(toggled);
    });
    this.#buttons.push(button);
    return button;
  }

  update(): void {
    const { info, status, latest, result, connection } = this.#store;
    const state = status?.state ?? 'running';
    document.title =
      info === undefined ? 'mimocorb2' : `${STATE_TEXT[state]} · ${info.setupName} · mimocorb2`;
    this.#title.textContent = info === undefined ? 'mimocorb2' : `${info.setupName} · ${info.runId}`;
    this.#state.textContent = STATE_TEXT[state];
    this.#state.className = `state ${state}`;
    this.#pause.textContent = state === 'paused' ? 'Resume roots' : 'Pause roots';
    const alive = latest?.processes.filter((p) => p.state !== 'exited').length ?? 0;
    replaceChildren(
      this.#facts,
      ...(latest === undefined
        ? ['waiting for the first statistics']
        : [
            `elapsed ${formatDuration(latest.elapsed)}`,
            `processes ${alive}/${latest.processes.length}`,
            `system CPU ${formatPercent(latest.system.cpuPercent)}`,
            `memory ${formatBytes(latest.system.memUsedBytes)} of ${formatBytes(latest.system.memTotalBytes)}`,
          ]
      ).map((fact) => el('span', {}, fact)),
      info !== undefined
        ? el('span', { className: 'path', title: 'run directory' }, info.runDirectory)
        : undefined,
    );
    for (const button of this.#buttons) button.disabled = result !== undefined || connection !== 'live';
    this.#banner.className = `banner ${connection}`;
    if (result !== undefined)
      replaceChildren(
        this.#banner,
        el('strong', {}, 'The run has finished; this page keeps its last state.'),
        el('pre', {}, formatSummary(result).join('\n')),
      );
    else if (connection === 'lost')
      replaceChildren(this.#banner, 'The connection to control was lost: reconnecting…');
    else if (connection === 'connecting') replaceChildren(this.#banner, 'Connecting to control…');
    else replaceChildren(this.#banner);
  }
}
