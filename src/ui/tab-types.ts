import type { ReactNode } from 'react';
import type { RunSnapshot } from '../control/stats/snapshot.js';
import type { LogStore } from './log-store.js';
import type { TuiControl } from './tui-control.js';

/** A key and what it does now, with a shorter wording for narrow terminals. */
export type KeyHelp = readonly [key: string, meaning: string, short?: string];

/** What every tab is drawn from. */
export interface TabProps {
  readonly latest: RunSnapshot | undefined;
  /** The last minute of snapshots, oldest first. */
  readonly history: readonly RunSnapshot[];
  /** Every process's output; read it with useLogLines, which redraws the tab when lines come. */
  readonly logs: LogStore;
  readonly control: TuiControl;
  /** The cells the tab may fill. */
  readonly width: number;
  readonly height: number;
  /** Keys reach this tab (it is shown and no question is open). */
  readonly hasFocus: boolean;
  /** Asks a yes/no question in the prompt row; `onYes` runs on y. */
  readonly ask: (question: string, onYes: () => void) => void;
  /** Shows a short message in the prompt row. */
  readonly say: (message: string) => void;
  /** Processes a kill was asked for, as `worker/index`, until a snapshot shows them exited. */
  readonly stopping: ReadonlySet<string>;
  readonly markStopping: (keys: readonly string[]) => void;
}

/**
 * One tab of the TUI. The built-in ones are in tabs.ts; display-tabs.ts makes one for each
 * display the workers publish.
 */
export interface TabDefinition {
  readonly id: string;
  readonly title: string;
  /** This tab's own keys, for the help row: [key, what it does, shorter for narrow terminals]. */
  readonly keys: readonly KeyHelp[];
  /** Keys that act on live processes: listed only while the run goes on. */
  readonly liveKeys?: readonly KeyHelp[];
  readonly Component: (props: TabProps) => ReactNode;
}

/** The key under which a process is tracked in `stopping`. */
export function processKey(worker: string, index: number): string {
  return `${worker}/${index}`;
}
