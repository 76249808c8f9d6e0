import type { ProcessSnapshot, RunSnapshot } from '../../control/stats/snapshot.js';
import { formatBytes, formatDuration, formatPercent } from '../../ui/format.js';
import { el, table } from './dom.js';
import type { Header } from './header.js';

function exitText(process: ProcessSnapshot): string {
  if (process.state !== 'exited') return '';
  if (process.signal !== null) return `killed by ${process.signal}`;
  return process.exitCode === 0 ? 'ok' : `code ${process.exitCode ?? '?'}`;
}

/**
 * The kill buttons outlive the table, which is built anew with every snapshot: a button that was
 * replaced between a press and its release would swallow the click.
 */
const buttons = new Map<string, { readonly button: HTMLButtonElement; run: () => void }>();

function stableButton(
  key: string,
  label: string,
  question: string,
  run: () => void,
  isDisabled: boolean,
): HTMLButtonElement {
  let entry = buttons.get(key);
  if (entry === undefined) {
    const created = { button: el('button', { className: 'danger small' }, label), run };
    created.button.addEventListener('click', () => created.run());
    buttons.set(key, created);
    entry = created;
  }
  entry.run = run;
  entry.button.disabled = isDisabled;
  entry.button.title = question;
  return entry.button;
}

/** Every worker and its processes: pid, state, CPU, memory, uptime, restarts, how it ended; kill buttons. */
export function processesTable(
  snapshot: RunSnapshot | undefined,
  header: Header,
  isLive: boolean,
): HTMLElement {
  if (snapshot === undefined) return el('p', { className: 'empty' }, 'waiting for the first statistics');
  const killButton = (key: string, label: string, question: string, run: () => void, isDisabled: boolean) =>
    stableButton(key, label, question, run, isDisabled || !isLive);
  const rows = snapshot.workers.flatMap((worker) => {
    const own = snapshot.processes.filter((p) => p.worker === worker.name);
    const alive = own.filter((p) => p.state !== 'exited');
    const question = `Kill worker '${worker.name}' (${alive.length} processes: SIGTERM, then SIGKILL after the grace)?`;
    const workerRow = [
      el('strong', { className: 'name' }, worker.name),
      `${worker.processesAlive}/${worker.processesTotal} alive`,
      '',
      formatPercent(worker.cpuPercent),
      formatBytes(worker.rssBytes),
      '',
      String(worker.restarts),
      '',
      killButton(
        `worker ${worker.name}`,
        'kill worker',
        question,
        () =>
          void header.run({ label: 'Kill', question, command: { type: 'kill-worker', worker: worker.name } }),
        alive.length === 0,
      ),
    ];
    const processRows = own.map((p) => {
      const processQuestion = `Kill process ${p.index} of '${p.worker}' (pid ${p.pid})?`;
      return [
        el('span', { className: 'process-name' }, `${p.worker}[${p.index}]`),
        el('span', { className: `process-state ${p.state}` }, p.state),
        String(p.pid),
        formatPercent(p.cpuPercent),
        p.state === 'exited' ? '' : formatBytes(p.rssBytes),
        p.state === 'exited' ? '' : formatDuration(snapshot.time - p.startedAt),
        String(p.restarts),
        el('span', { className: p.state === 'exited' && exitText(p) !== 'ok' ? 'error' : '' }, exitText(p)),
        killButton(
          `process ${p.worker} ${p.index}`,
          'kill',
          processQuestion,
          () =>
            void header.run({
              label: 'Kill',
              question: processQuestion,
              command: { type: 'kill-process', worker: p.worker, index: p.index },
            }),
          p.state === 'exited',
        ),
      ];
    });
    return [workerRow, ...processRows];
  });
  return table(
    ['worker / process', 'state', 'pid', 'CPU', 'memory', 'uptime', 'restarts', 'exit', ''],
    rows,
    'processes',
  );
}
