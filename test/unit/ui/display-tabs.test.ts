import { describe, expect, it } from 'vitest';
import { DisplayTabs, displayTabTitle } from '../../../src/ui/display-tabs.js';
import { layoutTabBar } from '../../../src/ui/tab-bar-layout.js';
import { displayFrame } from './display-frames.js';

const TEXT = { kind: 'text', lines: [] } as const;

describe('display tab titles', () => {
  it('are the names; the worker is added for namesakes, and the index when the worker has several processes', () => {
    const frames = [
      displayFrame('scope', TEXT),
      displayFrame('scope', TEXT, { worker: 'filter' }),
      displayFrame('energy', TEXT),
    ];
    const processesOf = (worker: string) => (worker === 'sink' ? 2 : 1);
    expect(frames.map((frame) => displayTabTitle(frame, frames, processesOf))).toEqual([
      'scope (sink#0)',
      'scope (filter)',
      'energy',
    ]);
    const sameWorker = [displayFrame('h', TEXT), displayFrame('h', TEXT, { processIndex: 1 })];
    expect(sameWorker.map((frame) => displayTabTitle(frame, sameWorker, () => 1))).toEqual([
      'h (sink#0)',
      'h (sink#1)',
    ]);
  });

  it('keep one component per display, so a tab is not mounted afresh when another display comes', () => {
    const tabs = new DisplayTabs();
    const first = tabs.tabsFor([displayFrame('a', TEXT)], () => 1);
    const second = tabs.tabsFor(
      [displayFrame('a', TEXT), displayFrame('b', { kind: 'lines', series: [] })],
      () => 1,
    );
    expect(second[0]?.Component).toBe(first[0]?.Component);
    expect(second.map((tab) => [tab.id, tab.title, tab.keys.length])).toEqual([
      ['display:sink#0/a', 'a', 2],
      ['display:sink#0/b', 'b', 0],
    ]);
  });
});

describe('layoutTabBar', () => {
  const titles = [
    'Rates',
    'CPU',
    'Processes',
    'Buffers',
    'Logs',
    'a very long display name',
    'scope',
    'energy',
  ];
  const row = (layout: ReturnType<typeof layoutTabBar>) =>
    `${layout.hasMoreLeft ? '‹' : ''}${layout.labels.map((l) => l.text).join('│')}${layout.hasMoreRight ? '›' : ''}`;

  it('shows every title when they fit', () => {
    expect(row(layoutTabBar(titles.slice(0, 2), 0, 40))).toBe(' 1 Rates │ 2 CPU ');
  });

  it('shortens inactive titles, then shows the tabs around the active one within the width', () => {
    for (const active of [0, 5, 7]) {
      const text = row(layoutTabBar(titles, active, 60));
      expect(text.length).toBeLessThanOrEqual(60);
      expect(text).toContain(
        active === 5 ? ' 6 a very long display name ' : ` ${active + 1} ${titles[active]} `,
      );
    }
    expect(row(layoutTabBar(titles, 7, 60))).toMatch(/^‹.* 6 a very long d… │ 7 scope │ 8 energy $/);
    expect(row(layoutTabBar(titles, 0, 60))).toMatch(/^ 1 Rates │.*›$/);
  });

  it('numbers only the first nine tabs (the number keys)', () => {
    const many = Array.from({ length: 11 }, (_, i) => `t${i}`);
    const labels = layoutTabBar(many, 0, 200).labels.map((l) => l.text);
    expect(labels[8]).toBe(' 9 t8 ');
    expect(labels[9]).toBe(' t9 ');
  });
});
