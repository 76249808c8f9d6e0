// The run's status page: built from the server's events (connection.ts) into cards.
import { buffersTable, rootTable } from './buffers.js';
import { connect } from './connection.js';
import { DisplayView } from './display-view.js';
import { card, el, replaceChildren } from './dom.js';
import { Header } from './header.js';
import { LogView } from './logs.js';
import { processesTable } from './processes.js';
import { frameKey, Store } from './store.js';
import { TimeChart } from './time-charts.js';

const store = new Store();
const header = new Header(store);
const rates = new TimeChart('events / s', '/s');
const fill = new TimeChart('filled slots / %', '%');
const cpu = new TimeChart('CPU / %', '%');
const buffers = el('div', { className: 'table-wrap' });
const roots = el('div', { className: 'table-wrap' });
const processes = el('div', { className: 'table-wrap' });
const displays = el('div', { className: 'displays' });
const displayViews = new Map<string, DisplayView>();
const logs = new LogView();
const dataFlow = el('img', { className: 'data-flow', attrs: { alt: 'the data flow: buffers and workers' } });
let isDataFlowShown = false;
dataFlow.addEventListener('load', () => (isDataFlowShown = true));
dataFlow.addEventListener('error', () => dataFlow.removeAttribute('src'));

const displaysCard = card('Displays', 'displays', displays, true);
displaysCard.hidden = true;
document.body.append(
  header.element,
  el(
    'main',
    {},
    card('Rates', 'rates', rates.element),
    card('CPU', 'cpu', cpu.element),
    card('Buffer fill', 'fill', fill.element),
    card('Root buffers', 'roots', roots),
    card('Buffers', 'buffers', buffers, true),
    card('Processes', 'processes', processes, true),
    displaysCard,
    card('Data flow', 'data-flow', el('div', { className: 'data-flow-wrap' }, dataFlow), true),
    card('Logs', 'logs', logs.element, true),
  ),
);

function drawCharts(): void {
  const { info, history: h } = store;
  if (info === undefined) return;
  const bufferNames = info.buffers.map((b) => b.name);
  rates.update(
    h.time,
    bufferNames.map((name, i) => ({ name, values: h.rates[i] ?? [] })),
  );
  fill.update(
    h.time,
    bufferNames.map((name, i) => ({ name, values: (h.filled[i] ?? []).map((f) => f * 100) })),
  );
  cpu.update(h.time, [
    ...info.workers.map((w, i) => ({ name: w.name, values: h.workerCpu[i] ?? [] })),
    { name: 'control', values: h.controlCpu },
    { name: 'system', values: h.systemCpu },
  ]);
}

function drawTables(): void {
  const isLive = store.connection === 'live' && store.result === undefined;
  replaceChildren(buffers, buffersTable(store.latest));
  replaceChildren(roots, rootTable(store.latest, store.info?.roots ?? []));
  replaceChildren(processes, processesTable(store.latest, header, isLive));
}

function drawDisplays(keys: Iterable<string>): void {
  for (const key of keys) {
    const frame = store.frames.get(key);
    if (frame === undefined) continue;
    let view = displayViews.get(key);
    if (view === undefined) {
      view = new DisplayView(`${frame.worker}[${frame.processIndex}]: ${frame.name}`);
      view.element.dataset['display'] = frameKey(frame);
      displayViews.set(key, view);
      displays.append(view.element);
      displaysCard.hidden = false;
    }
    view.update(frame.content);
  }
}

function drawDataFlow(): void {
  // Control draws it as the run starts; asked for once it is there.
  if (!isDataFlowShown && store.hasDataFlow && dataFlow.getAttribute('src') === null)
    dataFlow.src = 'data-flow.svg';
}

let isScheduled = false;

/** Draws what changed, once per animation frame at most. */
function draw(): void {
  isScheduled = false;
  const changes = store.takeChanges();
  if (changes.all) {
    logs.setWorkers([...(store.info?.workers.map((w) => w.name) ?? []), 'control']);
    logs.reset(store.lines);
    drawDisplays(store.frames.keys());
  } else {
    if (changes.lines.length > 0) logs.append(changes.lines, store.lines);
    drawDisplays(changes.displays);
  }
  if (changes.all || changes.snapshot) {
    drawCharts();
    drawDataFlow();
  }
  if (changes.all || changes.snapshot || changes.connection) {
    drawTables();
    header.update();
  }
  if (store.notice !== undefined) {
    header.say(store.notice);
    store.notice = undefined;
  }
}

connect(store, () => {
  if (isScheduled) return;
  isScheduled = true;
  requestAnimationFrame(draw);
});
header.update();
