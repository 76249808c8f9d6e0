// Draws the TUI a few times off screen with made-up statistics of the run's shape, before the
// workers start: the first real frames then run compiled code instead of paying the JIT's
// warm-up while the data flows (measured: ~100 ms of control CPU in the first seconds, ~20 ms after).
import { renderToString } from 'ink';
import type { ResolvedSetup } from '../control/setup/index.js';
import type { RunSnapshot } from '../control/stats/snapshot.js';
import { App } from './components/App.js';
import { ChartWithLegend } from './components/ChartWithLegend.js';
import { formatCount } from './format.js';
import { HISTORY_WINDOW_S } from './history.js';
import { DisplayStore } from './display-store.js';
import { warmUpDisplayTabs } from './warm-up-displays.js';
import { LogStore } from './log-store.js';
import type { TabDefinition } from './tab-types.js';
import type { TuiControl } from './tui-control.js';

const ROUNDS = 3;
// A display tab of each kind costs ~120 ms cold and ~40 ms the second time (all five).
const DISPLAY_ROUNDS = 2;

function madeUpSnapshot(setup: ResolvedSetup, roots: readonly string[]): RunSnapshot {
  const time = Date.now() / 1000;
  const processes = setup.workers.flatMap((worker) =>
    Array.from({ length: worker.numberOfProcesses }, (_, index) => ({
      worker: worker.name,
      index,
      pid: 1000 + index,
      state: 'running' as const,
      cpuPercent: 12.5,
      rssBytes: 50e6,
      cpuSeconds: 1.25,
      startedAt: time - 10,
      exitCode: null,
      signal: null,
      restarts: 0,
    })),
  );
  return {
    time,
    elapsed: 10,
    buffers: setup.buffers.map((buffer) => ({
      name: buffer.name,
      slotCount: buffer.slotCount,
      isRoot: roots.includes(buffer.name),
      events: 123_456,
      read: 123_000,
      rate: 1234.5,
      filled: 0.25,
      free: 0.7,
      inUse: 0.05,
      deadTime: 0.01,
      lag: 456,
      ageP50: 0.002,
      ageP99: 0.03,
      paused: false,
      stopRequested: false,
      ended: false,
      discarded: 0,
      overwritten: 0,
      redelivered: 0,
      dropped: 0,
      undeliverable: 0,
    })),
    workers: setup.workers.map((worker) => ({
      name: worker.name,
      processesAlive: worker.numberOfProcesses,
      processesTotal: worker.numberOfProcesses,
      cpuPercent: 25,
      rssBytes: 100e6,
      restarts: 0,
    })),
    processes,
    control: { cpuPercent: 2, rssBytes: 100e6 },
    system: { cpuPercent: 50, memUsedBytes: 4e9, memTotalBytes: 16e9 },
  };
}

/** Renders every tab, a full chart and a display tab of each kind a few times into strings. */
export function warmUpRendering(
  setup: ResolvedSetup,
  control: TuiControl,
  tabs: readonly TabDefinition[],
  columns: number,
  /** Gets each frame (for tests); they are thrown away otherwise. */
  onFrame: (frame: string) => void = () => undefined,
): void {
  const snapshot = madeUpSnapshot(setup, control.roots);
  const nothing = () => undefined;
  const madeUp: TuiControl = {
    runDirectory: '/warm-up',
    roots: control.roots,
    workers: control.workers,
    snapshot,
    processesAlive: control.processesAlive,
    finished: new Promise(nothing),
    logs: new LogStore(),
    displays: new DisplayStore(),
    onSnapshot: () => nothing,
    onNotice: () => nothing,
    setRootsPaused: nothing,
    stopRoots: nothing,
    stopAll: nothing,
    killWorker: nothing,
    killProcess: nothing,
    killAll: nothing,
    shutdown: nothing,
    interrupt: nothing,
  };
  madeUp.logs.appendNotice('warming up');
  const series = snapshot.buffers.map((buffer, index) => ({
    label: buffer.name,
    value: '1.23k/s',
    points: Array.from(
      { length: HISTORY_WINDOW_S + 1 },
      (_, t) => [t - HISTORY_WINDOW_S, 10 ** (1 + ((t + 7 * index) % 30) / 10)] as [number, number],
    ),
  }));
  for (let round = 0; round < ROUNDS; round++) {
    for (let first = 0; first < tabs.length; first++) {
      const shown = [...tabs.slice(first), ...tabs.slice(0, first)];
      onFrame(renderToString(<App control={madeUp} tabs={shown} />, { columns }));
    }
    onFrame(
      renderToString(
        <ChartWithLegend
          series={series}
          scale="log"
          windowS={HISTORY_WINDOW_S}
          width={columns}
          height={20}
          formatTick={formatCount}
        />,
        { columns },
      ),
    );
  }
  warmUpDisplayTabs(madeUp, snapshot, columns, DISPLAY_ROUNDS, onFrame);
}
