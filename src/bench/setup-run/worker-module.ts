// The worker functions of the CLI scenarios (A, B, C, E, F, O), as the text of an .mjs file that a
// run writes next to its setup file: user code as a user writes it, importing from 'mimocorb2'.
// Each function ends by printing one report line (REPORT_MARKER + JSON) to its worker's log.
import { getCompiledModuleUrl } from '../child-scripts.js';

/** Starts the report line of a bench worker in its log (after the `[<process index>] ` prefix). */
export const REPORT_MARKER = 'mimocorb2-bench ';

/** The file name the setups use for this module. */
export const WORKER_MODULE_FILE = 'bench-workers.mjs';

/** Names of the exported functions, as the setups give them. */
export const WorkerFunction = {
  importer: 'importer',
  inPlaceImporter: 'inPlaceImporter',
  pacedImporter: 'pacedImporter',
  passAll: 'passAll',
  checkingExporter: 'checkingExporter',
  latencyExporter: 'latencyExporter',
  waveformExporter: 'waveformExporter',
  oscilloscope: 'oscilloscope',
  prebuiltOscilloscope: 'prebuiltOscilloscope',
} as const;

// Compiled JS also when the bench runs from src (tests): a .mjs worker file loads no TypeScript.
/** observers.oscilloscope of this build, which the module runs in its own process like a run does. */
const PREBUILT_OSCILLOSCOPE = getCompiledModuleUrl('../functions/observers/oscilloscope.js');

/** What a bench process measures over its events, and the clock comparison, from this build. */
const EVENT_WINDOW = getCompiledModuleUrl('child/event-window.js');
const CHILD_PROTOCOL = getCompiledModuleUrl('child/protocol.js');

export const WORKER_MODULE_SOURCE = `// Written by the mimocorb2 benchmark (src/bench/setup-run/worker-module.ts); removed after the run.
import { Exporter, Filter, Importer, Observer } from 'mimocorb2';
import { oscilloscope as prebuiltOscilloscopeFunction } from ${JSON.stringify(PREBUILT_OSCILLOSCOPE)};
import { EventWindow } from ${JSON.stringify(EVENT_WINDOW)};
import { clockOffsetMs, cpuSecondsSince, runQueueMs } from ${JSON.stringify(CHILD_PROTOCOL)};

function report(io, fields) {
  console.log('${REPORT_MARKER}' + JSON.stringify({ worker: io.name, process: io.processIndex, ...fields }));
}

function nowSeconds() {
  return (performance.timeOrigin + performance.now()) / 1000;
}

// Event i carries the value i in every element of every field (config: events, fields).
export function importer(io) {
  const events = io.get('events');
  const record = {};
  const fields = io.get('fields');
  let startS = 0;
  let yielded = 0;
  const eventWindow = new EventWindow();
  new Importer(io).run(function* () {
    eventWindow.open();
    startS = nowSeconds();
    for (let i = 0; i < events; i++) {
      for (const name of fields) record[name] = i;
      yielded++;
      yield record;
    }
  });
  report(io, { events: yielded, start_s: startS, ...eventWindow.close() });
}

// As importer, but writes each event straight into its slot (the whole event, as a digitizer would).
export function inPlaceImporter(io) {
  const events = io.get('events');
  const fields = io.get('fields');
  let startS = 0;
  let filled = 0;
  const eventWindow = new EventWindow();
  new Importer(io).runInPlace((data) => {
    if (filled === 0) {
      eventWindow.open();
      startS = nowSeconds();
    }
    if (filled === events) return false;
    for (const name of fields) data[name].fill(filled);
    filled++;
    return true;
  });
  report(io, { events: filled, start_s: startS, ...eventWindow.close() });
}

// Event i at start + i / rate_hz. Timers cannot wait 100 µs: it sleeps in Atomics.wait until
// shortly before the event is due (the kernel may wake it up to 50 µs late), then spins on
// performance.now(). Sleeping, not spinning all the time, keeps it from being preempted in the
// middle of an event on a busy machine. The schedule is fixed, as a source's is: after a hiccup
// the events that are due go at once (counted as late when more than one period late).
export function pacedImporter(io) {
  const events = io.get('events');
  const periodMs = 1000 / io.get('rate_hz');
  const fields = io.get('fields');
  const record = {};
  let yielded = 0;
  let late = 0;
  let startMs = 0;
  let endMs = 0;
  const eventWindow = new EventWindow();
  new Importer(io).run(function* () {
    eventWindow.open();
    startMs = performance.now();
    const sleeper = new Int32Array(new SharedArrayBuffer(4));
    for (let i = 0; i < events; i++) {
      const dueMs = startMs + i * periodMs;
      let now = performance.now();
      const sleepMs = dueMs - now - 0.06;
      if (sleepMs > 0.005) {
        Atomics.wait(sleeper, 0, 0, sleepMs);
        now = performance.now();
      }
      while (now < dueMs) now = performance.now();
      if (now - dueMs > periodMs) late++;
      for (const name of fields) record[name] = i;
      yielded++;
      yield record;
    }
    endMs = performance.now();
  });
  const rateHz = yielded > 1 ? ((yielded - 1) * 1000) / (endMs - startMs) : 0;
  report(io, { events: yielded, start_s: (performance.timeOrigin + startMs) / 1000, ...eventWindow.close(), rate_hz: rateHz, late_events: late, clock_offset_ms: clockOffsetMs() });
}

export function passAll(io) {
  let passed = 0;
  const eventWindow = new EventWindow();
  new Filter(io).run(() => {
    eventWindow.open();
    passed++;
    return true;
  });
  report(io, { events: passed, ...eventWindow.close() });
}

// Checks every event: counter in range and new, value = counter in the first and last element of
// every field, and (config ordered: one path from the importer) counter = arrival number. Reports
// the commit time of counter 0 (its timestamp), when half of the events and when the last expected
// one had arrived.
export function checkingExporter(io) {
  const events = io.get('events');
  const fields = io.get('fields');
  const isOrdered = io.get('ordered');
  const seen = new Uint8Array(events);
  let received = 0, duplicates = 0, outOfRange = 0, wrongValues = 0, outOfOrder = 0;
  let firstCommitS = null;
  const halfway = Math.ceil(events / 2);
  let halfwayMs = 0;
  let lastReceivedMs = 0;
  const eventWindow = new EventWindow();
  for (const [data, metadata] of new Exporter(io)) {
    eventWindow.open();
    const counter = metadata.counter;
    if (counter === 0) firstCommitS = metadata.timestamp;
    if (counter >= 0 && counter < events) {
      if (seen[counter] === 1) duplicates++;
      else seen[counter] = 1;
    } else outOfRange++;
    for (const name of fields) {
      const values = data[name];
      if (values[0] !== counter || values[values.length - 1] !== counter) wrongValues++;
    }
    if (isOrdered && counter !== received) outOfOrder++;
    received++;
    if (received === halfway) halfwayMs = performance.now();
    if (received === events) lastReceivedMs = performance.now();
  }
  if (lastReceivedMs === 0) lastReceivedMs = performance.now();
  report(io, {
    received, duplicates, out_of_range: outOfRange, wrong_values: wrongValues, out_of_order: outOfOrder,
    first_commit_s: firstCommitS, last_received_s: (performance.timeOrigin + lastReceivedMs) / 1000,
    halfway_received_s: (performance.timeOrigin + halfwayMs) / 1000,
    ...eventWindow.close(),
  });
}

// Latency of every event: its arrival time here minus its timestamp (taken by the importer when
// its generator yielded it), both as performance.timeOrigin + performance.now().
export function latencyExporter(io) {
  const events = io.get('events');
  const latenciesMs = new Float64Array(events);
  let received = 0, outOfOrder = 0;
  let firstCommitS = null;
  let lastReceivedMs = 0;
  let queuedMs = 0;
  for (const [, metadata] of new Exporter(io)) {
    const nowMs = performance.timeOrigin + performance.now();
    if (received === 0) queuedMs = runQueueMs();
    if (metadata.counter !== received) outOfOrder++;
    if (metadata.counter === 0) firstCommitS = metadata.timestamp;
    if (received < events) latenciesMs[received] = nowMs - metadata.timestamp * 1000;
    received++;
    lastReceivedMs = nowMs;
  }
  const sorted = latenciesMs.subarray(0, Math.min(received, events)).sort();
  const at = (q) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]);
  report(io, {
    received, duplicates: 0, out_of_range: 0, wrong_values: 0, out_of_order: outOfOrder,
    first_commit_s: firstCommitS, last_received_s: lastReceivedMs / 1000,
    latency_p50_ms: at(0.5), latency_p99_ms: at(0.99), latency_p999_ms: at(0.999),
    latency_max_ms: sorted.length === 0 ? NaN : sorted[sorted.length - 1], clock_offset_ms: clockOffsetMs(),
    runqueue_ms: runQueueMs() - queuedMs,
  });
}

// Checks every waveform of importers.redpitaya.waveform from the RP scenario's simulated device:
// counter = arrival number, first and last sample of IN1 = counter mod 32768, of IN2 its negative.
// After the last expected one it asks the importer to stop (the device is quiet from then on, as
// a real one without a trigger), so the run ends by itself. Reports as checkingExporter.
export function waveformExporter(io) {
  const events = io.get('events');
  const source = io.sources[0];
  let received = 0, wrongValues = 0, outOfOrder = 0;
  let firstCommitS = null;
  const halfway = Math.ceil(events / 2);
  let halfwayMs = 0;
  let lastReceivedMs = 0;
  const eventWindow = new EventWindow();
  for (const [data, metadata] of new Exporter(io)) {
    eventWindow.open();
    const counter = metadata.counter;
    if (counter === 0) firstCommitS = metadata.timestamp;
    const mark = counter % 32768;
    const in1 = data.IN1, in2 = data.IN2, last = in1.length - 1;
    if (in1[0] !== mark || in1[last] !== mark || in2[0] !== -mark || in2[last] !== -mark) wrongValues++;
    if (counter !== received) outOfOrder++;
    received++;
    if (received === halfway) halfwayMs = performance.now();
    if (received === events) {
      lastReceivedMs = performance.now();
      source.buffer.requestStop();
    }
  }
  if (lastReceivedMs === 0) lastReceivedMs = performance.now();
  report(io, {
    received, duplicates: 0, out_of_range: 0, wrong_values: wrongValues, out_of_order: outOfOrder,
    first_commit_s: firstCommitS, last_received_s: (performance.timeOrigin + lastReceivedMs) / 1000,
    halfway_received_s: (performance.timeOrigin + halfwayMs) / 1000,
    ...eventWindow.close(),
  });
}

// An oscilloscope: a copy of the newest event every interval seconds, without taking part in the flow.
export async function oscilloscope(io) {
  let looks = 0;
  let cpuStart;
  for await (const [data] of new Observer(io, { interval: io.get('interval') })) {
    cpuStart ??= process.cpuUsage();
    if (data !== undefined) looks++;
  }
  report(io, { events: looks, cpu_s: cpuStart === undefined ? 0 : cpuSecondsSince(cpuStart) });
}

// observers.oscilloscope as a setup names it, with its CPU time reported.
export async function prebuiltOscilloscope(io) {
  const cpuStart = process.cpuUsage();
  await prebuiltOscilloscopeFunction(io);
  report(io, { cpu_s: cpuSecondsSince(cpuStart) });
}
`;
