// What the TUI does with names, keys and paths that are longer than the room it has.
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RunSnapshot } from '../../../src/control/stats/snapshot.js';
import { App } from '../../../src/ui/components/App.js';
import { fitKeys, helpRows } from '../../../src/ui/components/HelpRow.js';
import { Legend } from '../../../src/ui/components/Legend.js';
import { RatesTab } from '../../../src/ui/components/RatesTab.js';
import { StatusRow, statusRows } from '../../../src/ui/components/StatusRow.js';
import { abbreviate } from '../../../src/ui/format.js';
import { chartWindowS } from '../../../src/ui/history.js';
import { LogStore } from '../../../src/ui/log-store.js';
import type { KeyHelp } from '../../../src/ui/tab-types.js';
import { FakeControl } from './fake-control.js';
import { waitForText } from './frames.js';
import { runSnapshot } from './snapshots.js';

afterEach(() => {
  cleanup();
});

describe('abbreviate', () => {
  it('keeps both ends of a name and cuts its middle', () => {
    expect(abbreviate('calculate_pulse_heights', 14)).toBe('calcul…heights');
    expect(abbreviate('calculate_pulse_heights', 23)).toBe('calculate_pulse_heights');
    expect(abbreviate('hist_up', 2)).toBe('h…');
  });
});

describe('the key row', () => {
  const processesKeys: KeyHelp[] = [
    ['1-5 ←→', 'tabs'],
    ['↑↓', 'select'],
    ['k', 'kill selected', 'kill'],
    ['p', 'pause roots', 'pause'],
    ['s', 'stop roots', 'stop'],
    ['a', 'end all buffers', 'end all'],
    ['K', 'kill workers', 'kill all'],
    ['q', 'quit'],
  ];
  const optional: KeyHelp[] = [['^C', 'interrupt']];

  it('takes one row in the Processes tab at 120 and 80 columns: short wordings, then without ^C', () => {
    const at120 = fitKeys(processesKeys, optional, 120);
    expect(helpRows(at120, 120)).toBe(1);
    expect(at120.map(([key, meaning]) => `${key} ${meaning}`).join('  ')).toBe(
      '1-5 ←→ tabs  ↑↓ select  k kill  p pause  s stop  a end all  K kill all  q quit  ^C interrupt',
    );
    const at80 = fitKeys(processesKeys, optional, 80);
    expect(helpRows(at80, 80)).toBe(1);
    expect(at80.at(-1)).toEqual(['q', 'quit']);
  });

  it('keeps the full wordings where they fit', () => {
    expect(fitKeys([['q', 'quit']], optional, 80)).toEqual([
      ['q', 'quit'],
      ['^C', 'interrupt'],
    ]);
  });
});

describe('the legend beside a chart', () => {
  it('gives a name that does not fit beside the values a second row for its value, and notes stay', () => {
    const entries = [
      { label: 'pulse_heights', value: '53.5k/s', note: 'ended' },
      { label: 'select_all_oscilloscope_traces', value: '0% 74.2 MiB' },
      { label: 'a_name_far_longer_than_the_legend_is_wide', value: '1%' },
    ];
    const { lastFrame } = render(<Legend entries={entries} width={34} layout="column" maxRows={10} />);
    expect((lastFrame() ?? '').split('\n').map((row) => row.trimEnd())).toEqual([
      '■ pulse_heights      53.5k/s ended',
      '■ select_all_oscilloscope_traces',
      '                       0% 74.2 MiB',
      '■ a_name_far_long…e_legend_is_wide',
      '                                1%',
    ]);
  });
});

describe('the status row', () => {
  const latest = runSnapshot(1_002);
  const runDirectory = '/home/someone/experiments/muon-lifetime/target/run_2026-01-02_03-04-05';

  it('puts the run directory on a row of its own when it does not fit beside the figures', () => {
    expect(statusRows({ latest, runDirectory, width: 100 })).toBe(2);
    const { lastFrame } = render(<StatusRow latest={latest} runDirectory={runDirectory} width={100} />);
    const rows = (lastFrame() ?? '').split('\n');
    expect(rows[0]).toBe('elapsed 2 s │ processes 4/4 │ CPU 42% │ mem 4.0 GiB/16.0 GiB');
    expect(rows[1]).toBe(`run directory: ${runDirectory}`);
  });

  it('cuts the start of a directory that does not fit even a row of its own, keeping the run', () => {
    const { lastFrame } = render(<StatusRow latest={latest} runDirectory={runDirectory} width={80} />);
    expect((lastFrame() ?? '').split('\n')[1]).toBe(`run directory: …${runDirectory.slice(-64)}`);
  });

  it('keeps one row where everything fits', () => {
    expect(statusRows({ latest, runDirectory: '/tmp/run_1', width: 120 })).toBe(1);
  });

  it("shows the web page's address under it, whole, on two rows at 80 columns", () => {
    const webPage = 'web page: http://127.0.0.1:8080/?token=lWHA1PXr9RZ-jV13mBukTjaPDvUw9thMSoi8NXuf-pg';
    const props = { latest, runDirectory: '/tmp/run_1', width: 80, pinnedLines: [webPage] };
    expect(statusRows(props)).toBe(3);
    const { lastFrame } = render(<StatusRow {...props} />);
    const rows = (lastFrame() ?? '').split('\n');
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain('elapsed 2 s');
    // The address on a row of its own, whole.
    expect(rows.slice(1)).toEqual(['web page:', webPage.slice('web page: '.length)]);
  });

  it('shows it in the TUI while the run goes on', async () => {
    const webPage = 'web page: http://127.0.0.1:8080/?token=abc';
    const control = Object.assign(new FakeControl(['raw'], ['source']), { pinnedLines: [webPage] });
    const view = render(<App control={control} />);
    control.pushSnapshot(runSnapshot(1_010));
    const frame = await waitForText(view.lastFrame, webPage);
    expect(frame.split('\n').at(-1)).toContain('q quit');
  });
});

describe('the time axis of the rates chart', () => {
  function ratesAt(history: readonly RunSnapshot[]): string {
    const { lastFrame } = render(
      <RatesTab
        latest={history.at(-1)}
        history={history}
        logs={new LogStore()}
        control={new FakeControl(['raw'], ['source'])}
        width={100}
        height={16}
        hasFocus
        ask={vi.fn()}
        say={vi.fn()}
        stopping={new Set()}
        markStopping={vi.fn()}
      />,
    );
    return lastFrame() ?? '';
  }

  it('starts with the run while it is younger than a minute, so a short run fills the chart', () => {
    const history = [runSnapshot(1_001), runSnapshot(1_002), runSnapshot(1_002.5)];
    expect(chartWindowS(history[2] as RunSnapshot)).toBe(2.5);
    const frame = ratesAt(history);
    expect(frame).toMatch(/^ +-2\.5 s +-1\.3 s +now$/m);
    // The first sample (1.5 s before the last) is drawn left of the chart's middle.
    const firstDot = Math.min(
      ...frame
        .split('\n')
        .map((row) => row.search(/[\u2801-\u28ff]/))
        .filter((i) => i >= 0),
    );
    expect(firstDot).toBeLessThan(50);
  });

  it('shows the last minute once the run is older', () => {
    expect(chartWindowS(runSnapshot(1_000 + 600))).toBe(60);
  });
});
