import { createElement, type ReactNode } from 'react';
import { displayKey, type DisplayFrame } from '../display/index.js';
import { DisplayTab } from './components/DisplayTab.js';
import type { TabDefinition, TabProps } from './tab-types.js';

const TEXT_KEYS: TabDefinition['keys'] = [
  ['↑↓ PgUp PgDn', 'scroll'],
  ['Home End', 'first/last line'],
];

const GRID_KEYS: TabDefinition['keys'] = [['↑↓ PgUp PgDn', 'more panels, when not all fit']];

/**
 * A tab's title: the display's name; when another display has the same name, the worker too,
 * and the process index when the worker runs several processes (or several publish it).
 */
export function displayTabTitle(
  frame: DisplayFrame,
  frames: readonly DisplayFrame[],
  processesOf: (worker: string) => number,
): string {
  const namesakes = frames.filter((other) => other.name === frame.name);
  if (namesakes.length < 2) return frame.name;
  const isSeveral =
    processesOf(frame.worker) > 1 ||
    namesakes.some((other) => other.worker === frame.worker && other.processIndex !== frame.processIndex);
  return `${frame.name} (${frame.worker}${isSeveral ? `#${frame.processIndex}` : ''})`;
}

/** What the tab list depends on: each display's identity and kind, in order. */
export function displayTabsSignature(frames: readonly DisplayFrame[]): string {
  return frames.map((frame) => `${displayKey(frame)}\u0000${frame.content.kind}`).join('\n');
}

/**
 * Makes one tab per display, after the built-in ones. Each display keeps the same component
 * across calls, so its tab is not mounted afresh when another display appears.
 */
export class DisplayTabs {
  readonly #components = new Map<string, (props: TabProps) => ReactNode>();

  #componentFor(key: string): (props: TabProps) => ReactNode {
    let component = this.#components.get(key);
    if (component === undefined) {
      component = (props: TabProps) => createElement(DisplayTab, { ...props, display: key });
      this.#components.set(key, component);
    }
    return component;
  }

  /** The tabs of `frames` (each display's newest frame, in order of appearance). */
  tabsFor(frames: readonly DisplayFrame[], processesOf: (worker: string) => number): TabDefinition[] {
    return frames.map((frame) => {
      const key = displayKey(frame);
      return {
        id: `display:${key}`,
        title: displayTabTitle(frame, frames, processesOf),
        keys: frame.content.kind === 'text' ? TEXT_KEYS : frame.content.kind === 'grid' ? GRID_KEYS : [],
        Component: this.#componentFor(key),
      };
    });
  }
}
