// Display tabs drawn off screen before the run, like the built-in tabs in warm-up.tsx: the first
// time a person opens a display's tab during the run, its drawing code is compiled already.
import { renderToString } from 'ink';
import type { RunSnapshot } from '../control/stats/snapshot.js';
import { displayKey, type DisplayFrame } from '../display/index.js';
import { DisplayTab } from './components/DisplayTab.js';
import { DisplayStore } from './display-store.js';
import type { TuiControl } from './tui-control.js';

const SAMPLES = 500;
const BINS = 100;

function madeUpFrames(): DisplayFrame[] {
  const frame = (name: string, content: DisplayFrame['content']): DisplayFrame => ({
    worker: 'warm-up',
    processIndex: 0,
    name,
    sequence: 1,
    publishedAtS: Date.now() / 1000,
    content,
  });
  const wave = (phase: number) => Array.from({ length: SAMPLES }, (_, i) => Math.sin(i / 20 + phase));
  const edges = Array.from({ length: BINS + 1 }, (_, i) => i / BINS);
  const counts = (shift: number) =>
    Array.from({ length: BINS }, (_, i) => Math.round(1000 * Math.exp(-(((i - shift) / 15) ** 2))));
  return [
    frame('lines', {
      kind: 'lines',
      series: [
        { name: 'ch1', y: wave(0) },
        { name: 'ch2', y: wave(1) },
      ],
    }),
    frame('log lines', {
      kind: 'lines',
      logY: true,
      series: [{ name: 'ch1', y: wave(0).map((y) => 2 + y) }],
    }),
    frame('histogram', { kind: 'histogram', edges, series: [{ name: 'all', counts: counts(50) }] }),
    frame('histograms', {
      kind: 'histogram',
      logY: true,
      edges,
      series: [
        { name: 'a', counts: counts(40) },
        { name: 'b', counts: counts(60) },
      ],
    }),
    frame('text', { kind: 'text', lines: Array.from({ length: 40 }, (_, i) => `line ${i}`) }),
    frame('grid', {
      kind: 'grid',
      panels: [
        {
          kind: 'lines',
          title: 'ch1',
          series: [{ name: 'ch1', y: wave(0) }],
          horizontalLines: [{ y: 0.5, name: 'trigger' }],
        },
        {
          kind: 'histogram',
          title: 'ch2',
          style: 'step',
          edges,
          series: [{ name: 'ch2', counts: counts(30) }],
        },
        {
          kind: 'histogram',
          title: 'ch3',
          style: 'line',
          edges,
          series: [{ name: 'ch3', counts: counts(70) }],
        },
      ],
    }),
  ];
}

/** Renders a display tab of each kind into strings, `rounds` times. */
export function warmUpDisplayTabs(
  control: TuiControl,
  snapshot: RunSnapshot,
  columns: number,
  rounds: number,
  onFrame: (frame: string) => void,
): void {
  const frames = madeUpFrames();
  const displays = new DisplayStore();
  displays.update(frames);
  const nothing = () => undefined;
  const props = {
    latest: snapshot,
    history: [snapshot],
    logs: control.logs,
    control: { ...control, displays },
    width: columns,
    height: 20,
    hasFocus: true,
    ask: nothing,
    say: nothing,
    stopping: new Set<string>(),
    markStopping: nothing,
  };
  for (let round = 0; round < rounds; round++)
    for (const frame of frames)
      onFrame(renderToString(<DisplayTab {...props} display={displayKey(frame)} />, { columns }));
}
