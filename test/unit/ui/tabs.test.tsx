import { Box, Text } from 'ink';
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LogLine } from '../../../src/control/logs/index.js';
import type { RunSnapshot } from '../../../src/control/stats/snapshot.js';
import { App } from '../../../src/ui/components/App.js';
import { BuffersTab } from '../../../src/ui/components/BuffersTab.js';
import { CpuTab } from '../../../src/ui/components/CpuTab.js';
import { ProcessesTab } from '../../../src/ui/components/ProcessesTab.js';
import { RatesTab } from '../../../src/ui/components/RatesTab.js';
import { LogStore } from '../../../src/ui/log-store.js';
import type { TabProps } from '../../../src/ui/tab-types.js';
import { FakeControl } from './fake-control.js';
import { waitForText } from './frames.js';
import { bufferSnapshot, processSnapshot, runSnapshot } from './snapshots.js';

const BRAILLE = /[\u2801-\u28ff]/;

function tabProps(history: readonly RunSnapshot[], fields: Partial<TabProps> = {}): TabProps {
  return {
    latest: history.at(-1),
    history,
    logs: new LogStore(),
    control: new FakeControl(['raw'], ['source', 'filter', 'sink']),
    width: 100,
    height: 16,
    hasFocus: true,
    ask: vi.fn(),
    say: vi.fn(),
    stopping: new Set(),
    markStopping: vi.fn(),
    ...fields,
  };
}

/** A minute of snapshots, the root's rate climbing from 100/s to 10k/s. */
function climbingHistory(): RunSnapshot[] {
  return Array.from({ length: 61 }, (_, i) =>
    runSnapshot(1_000 + i, { raw: { rate: 100 * 10 ** (i / 30) }, kept: { rate: 50 } }),
  );
}

afterEach(() => {
  cleanup();
});

describe('Rates tab', () => {
  it('draws every buffer on a log scale with a legend of the current rates', () => {
    const { lastFrame } = render(<RatesTab {...tabProps(climbingHistory())} />);
    const frame = lastFrame() ?? '';
    expect(frame).toMatch(/■ raw\s+10k\/s/);
    expect(frame).toMatch(/■ kept\s+50\/s/);
    for (const tick of ['10k┤', '1k┤', '100┤', '10┤']) expect(frame).toContain(tick);
    expect(frame).toMatch(BRAILLE);
    expect(frame).toContain('-60 s');
    expect(frame).toContain('now');
  });

  it('marks paused and ended buffers in the legend; the legend goes under the chart at 80 columns', () => {
    const history = [runSnapshot(1_000, { raw: { rate: 0, paused: true }, kept: { ended: true } })];
    const { lastFrame } = render(<RatesTab {...tabProps(history, { width: 80 })} />);
    const lines = (lastFrame() ?? '').split('\n');
    expect(lines.at(-1)).toMatch(/■ raw 0\/s paused\s+■ kept 1k\/s ended/);
  });

  it('says it waits when there is no snapshot yet', () => {
    const { lastFrame } = render(<RatesTab {...tabProps([])} />);
    expect(lastFrame()).toContain('waiting for the first statistics');
  });
});

describe('CPU tab', () => {
  it('charts each worker, control and the whole system, with their current values', () => {
    const { lastFrame } = render(<CpuTab {...tabProps(climbingHistory())} />);
    const frame = lastFrame() ?? '';
    expect(frame).toMatch(/■ source\s+13% 50\.0 MiB/);
    expect(frame).toMatch(/■ filter\s+30% 50\.0 MiB/);
    expect(frame).toMatch(/■ sink\s+11% 100\.0 MiB/);
    expect(frame).toMatch(/■ control\s+3\.0% 120\.0 MiB/);
    expect(frame).toMatch(/■ system\s+42% of all cores/);
    expect(frame).toContain('100%┤');
    expect(frame).toContain('0%┤');
    expect(frame).toMatch(BRAILLE);
  });
});

describe('Processes tab', () => {
  it('shows the restarts of each process and of its worker, and a restart that is due', () => {
    const snapshot = runSnapshot(1_100, {
      processes: [
        processSnapshot('source', 0, { pid: 2001 }),
        processSnapshot('filter', 0, { pid: 2005, restarts: 2 }),
        processSnapshot('sink', 0, { pid: 2003, state: 'restarting', restarts: 1, signal: 'SIGKILL' }),
        processSnapshot('sink', 1, { pid: 2004 }),
      ],
    });
    const { lastFrame } = render(<ProcessesTab {...tabProps([snapshot], { width: 100, height: 12 })} />);
    const lines = (lastFrame() ?? '').split('\n');
    expect(lines[0]).toMatch(/worker \/ process\s+pid\s+state\s+CPU\s+memory\s+uptime\s+restarts\s+exit/);
    const row = (start: RegExp) => lines.find((line) => start.test(line)) ?? '';
    expect(row(/^. filter/)).toMatch(/1\/1 alive.*\s2\s*$/);
    expect(row(/^. sink/)).toMatch(/\s1\s*$/);
    expect(row(/^\s+\[0\]\s+2005/)).toMatch(/\s2\s*$/);
    expect(row(/^\s+\[0\]\s+2003/)).toMatch(/restarting.*\s1\s*$/);
    expect(row(/^. source/)).toMatch(/alive\s+\S+\s+\S+ MiB\s*$/);
  });

  it('keeps the restarts column out until a process was restarted', () => {
    const { lastFrame } = render(
      <ProcessesTab {...tabProps([runSnapshot(1_100)], { width: 100, height: 12 })} />,
    );
    expect((lastFrame() ?? '').split('\n')[0]).toMatch(/uptime\s+exit\s*$/);
  });
});

describe('Buffers tab', () => {
  it('counts the events no reader was left for as undeliverable, in red', () => {
    const snapshot = runSnapshot(1_000, { kept: { ended: true, undeliverable: 1234 } });
    const { lastFrame } = render(<BuffersTab {...tabProps([snapshot], { width: 80 })} />);
    expect(lastFrame()).toMatch(/ended discarded 0\s+overwritten 0\s+undeliverable 1\.23k\s/m);
    expect(lastFrame()).not.toMatch(/raw[^\n]*\n[^\n]*undeliverable/);
  });

  it('shows filled, in use and free slots, markers, lost events and how long the free slots last', () => {
    const snapshot = runSnapshot(1_000, {
      raw: { filled: 0.5, inUse: 0.25, free: 0.25, rate: 1000, paused: true, discarded: 1500 },
      kept: { ended: true, overwritten: 42, rate: 0 },
    });
    const { lastFrame } = render(<BuffersTab {...tabProps([snapshot], { width: 80 })} />);
    const frame = lastFrame() ?? '';
    expect(frame).toMatch(/raw\s+█+▒+░+ 50% filled 25% free of 128/);
    expect(frame).toMatch(/^ {2}root paused free slots last 0\.03 s {2}discarded 1\.5k\s+overwritten 0/m);
    const wider = render(<BuffersTab {...tabProps([snapshot], { width: 120 })} />).lastFrame() ?? '';
    expect(wider).toMatch(
      /free slots last 0\.03 s {2}discarded 1\.5k {2}overwritten 0 {2}lag 0 {2}age p50 – p99 –$/m,
    );
    expect(frame).toMatch(/kept\s+░+ 0% filled 100% free of 128/);
    expect(frame).toMatch(/ended discarded 0\s+overwritten 42/);
    const bar = /raw\s+(█+)(▒+)(░+)/.exec(frame);
    // Half the cells filled, a quarter each in use and free (give or take one for rounding).
    const [filled, inUse, free] = [bar?.[1]?.length ?? 0, bar?.[2]?.length ?? 0, bar?.[3]?.length ?? 0];
    expect(filled).toBe(inUse + free);
    expect(Math.abs(inUse - free)).toBeLessThanOrEqual(1);
  });

  it('scrolls with ↑↓ PgUp PgDn to the buffers that do not fit at 80×24', async () => {
    const names = Array.from({ length: 9 }, (_, i) => `chain${i}_stage_buffer`);
    const snapshot = {
      ...runSnapshot(1_010),
      buffers: names.map((name, i) => bufferSnapshot(name, { isRoot: i === 0, events: 1000 + i })),
    };
    const control = new FakeControl([names[0] as string], ['source', 'filter', 'sink']);
    const view = render(<App control={control} />);
    Object.defineProperty(view.stdout, 'columns', { get: () => 80 });
    view.stdout.emit('resize');
    control.pushSnapshot(snapshot);
    view.stdin.write('4');
    let frame = await waitForText(view.lastFrame, 'of 9, ↑↓ PgUp PgDn)');
    const shown = /\(1–(\d) of 9/.exec(frame)?.[1] ?? '';
    expect(Number(shown)).toBeGreaterThanOrEqual(5);
    expect(frame).not.toContain('chain8_stage_buffer');
    expect(frame).toContain('↑↓ PgUp PgDn more');
    view.stdin.write('G');
    frame = await waitForText(view.lastFrame, 'chain8_stage_buffer');
    expect(frame).toContain(`(${10 - Number(shown)}–9 of 9`);
    expect(frame).not.toMatch(/chain0_stage_buffer\s+[█▒░]/);
    view.stdin.write('\u001B[A');
    frame = await waitForText(view.lastFrame, `(${9 - Number(shown)}–8 of 9`);
    view.stdin.write('g');
    await waitForText(view.lastFrame, `(1–${shown} of 9`);
  });

  it('puts each buffer on one row in a wide terminal', () => {
    const snapshot = runSnapshot(1_000, { raw: { rate: 0, lag: 12, ageP50: 0.0034, ageP99: 0.25 } });
    const { lastFrame } = render(<BuffersTab {...tabProps([snapshot], { width: 190 })} />);
    const frame = lastFrame() ?? '';
    expect(frame).toMatch(/raw\s+░+ 0% filled 100% free of 128\s+free slots last: no input\s+discarded 0/);
    expect(frame).toMatch(/overwritten 0 {2}lag 12 {2}age p50 3\.4 ms p99 250 ms root\s*$/m);
    expect(frame).not.toContain('…');
  });
});

describe('Logs tab', () => {
  const line = (worker: string, text: string, isError = false, processIndex = 0): LogLine => ({
    worker,
    processIndex,
    text,
    isError,
  });

  function startLogs() {
    const control = new FakeControl(['raw'], ['source', 'filter', 'sink']);
    const view = render(<App control={control} />);
    control.pushSnapshot(runSnapshot(1_010));
    return { control, ...view };
  }

  it('shows every process output, filters by worker and scrolls', async () => {
    const view = startLogs();
    await waitForText(view.lastFrame, '123,456');
    view.stdin.write('5');
    await waitForText(view.lastFrame, 'no output yet');
    view.control.pushLines([
      line('source', 'starting the source'),
      line('sink', 'event 1000', false, 1),
      line('filter', "worker 'filter' process 0 failed while running: Error: boom", true),
    ]);
    let frame = await waitForText(view.lastFrame, 'event 1000');
    expect(frame).toMatch(/source\[0\]\s+starting the source/);
    expect(frame).toMatch(/sink\[1\]\s+event 1000/);
    expect(frame).toMatch(/filter\[0\]\s+worker 'filter' process 0 failed/);
    view.stdin.write('f');
    frame = await waitForText(view.lastFrame, "showing 'source'");
    expect(frame).toContain('starting the source');
    expect(frame).not.toContain('event 1000');
    view.stdin.write('f');
    view.stdin.write('f');
    frame = await waitForText(view.lastFrame, "showing 'sink'");
    view.stdin.write('f');
    view.control.pushNotice('stopping the roots');
    frame = await waitForText(view.lastFrame, "showing 'control'");
    await waitForText(view.lastFrame, 'control stopping the roots');
    view.stdin.write('f');
    await waitForText(view.lastFrame, 'showing every worker');
    view.control.pushLines(Array.from({ length: 40 }, (_, i) => line('sink', `line ${i}`)));
    await waitForText(view.lastFrame, 'line 39');
    view.stdin.write('\u001B[A');
    view.stdin.write('\u001B[A');
    frame = await waitForText(view.lastFrame, 'held 2 lines up');
    expect(frame).not.toContain('line 39');
    expect(frame).toContain('line 37');
    view.control.pushLines([line('sink', 'newest line')]);
    frame = await waitForText(view.lastFrame, '1 newer');
    expect(frame).not.toContain('newest line');
    view.stdin.write('G');
    frame = await waitForText(view.lastFrame, 'following the output');
    expect(frame).toContain('newest line');
  });
});

describe('Logs tab with lines longer than the terminal is wide', () => {
  const seed =
    "seed 1094858863504398 (config key 'seed' repeats this run: --set input.seed=1094858863504398)";
  const error =
    "worker 'flaky' process 1 failed while running: worker 'flaky': the Filter function threw on the event with counter 11996: flaky filter gave up";
  /** Label `input[0]` or `flaky[1]` and a space. */
  const TEXT_COLUMN = 9;

  it('continues a long line on the rows below its label, every character shown, and scrolls by rows', async () => {
    const control = new FakeControl(['raw'], ['input', 'flaky']);
    const view = render(<App control={control} />);
    Object.defineProperty(view.stdout, 'columns', { get: () => 80 });
    view.stdout.emit('resize');
    control.pushSnapshot(runSnapshot(1_010));
    view.stdin.write('5');
    await waitForText(view.lastFrame, 'no output yet');
    control.pushLines([
      ...Array.from({ length: 20 }, (_, i) => ({
        worker: 'input',
        processIndex: 0,
        text: `line ${i}`,
        isError: false,
      })),
      { worker: 'input', processIndex: 0, text: seed, isError: false },
      { worker: 'flaky', processIndex: 1, text: error, isError: true },
    ]);
    let frame = await waitForText(view.lastFrame, 'gave up');
    expect(frame).not.toContain('…');
    const rows = frame.split('\n');
    const first = rows.findIndex((row) => row.startsWith('input[0] seed'));
    for (const row of rows) expect(row.length).toBeLessThanOrEqual(80);
    const textOf = (from: number, count: number) =>
      rows
        .slice(first + from, first + from + count)
        .map((row) => row.slice(TEXT_COLUMN).trimEnd())
        .join(' ');
    expect(rows[first + 1]?.slice(0, TEXT_COLUMN)).toBe(' '.repeat(TEXT_COLUMN));
    expect(textOf(0, 2)).toBe(seed);
    expect(rows[first + 2]).toMatch(/^flaky\[1\] worker 'flaky' process 1/);
    expect(textOf(2, 3)).toBe(error);
    view.stdin.write('\u001B[A');
    frame = await waitForText(view.lastFrame, 'held 1 lines up');
    expect(frame).not.toContain('gave up');
    expect(frame).toContain("worker 'flaky' process 1 failed");
  });
});

describe('chart legends', () => {
  it('stay within their rows: the row below the tab is intact', () => {
    const history = [runSnapshot(1_000)];
    const { lastFrame } = render(
      <Box flexDirection="column">
        <CpuTab {...tabProps(history, { width: 60, height: 5 })} />
        <Text>the row below</Text>
      </Box>,
    );
    const lines = (lastFrame() ?? '').split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[4]).toContain('■');
    expect(lines[5]).toBe('the row below');
  });
});
