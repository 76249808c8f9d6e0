import { BuffersTab } from './components/BuffersTab.js';
import { CpuTab } from './components/CpuTab.js';
import { LogsTab } from './components/LogsTab.js';
import { ProcessesTab } from './components/ProcessesTab.js';
import { RatesTab } from './components/RatesTab.js';
import type { TabDefinition } from './tab-types.js';

/**
 * The TUI's fixed tabs, in order (the number keys follow it). The App adds one tab per display
 * the workers publish after these (display-tabs.ts).
 */
export const BUILTIN_TABS: readonly TabDefinition[] = [
  { id: 'rates', title: 'Rates', keys: [], Component: RatesTab },
  { id: 'cpu', title: 'CPU', keys: [], Component: CpuTab },
  {
    id: 'processes',
    title: 'Processes',
    keys: [['↑↓', 'select']],
    liveKeys: [['k', 'kill selected', 'kill']],
    Component: ProcessesTab,
  },
  {
    id: 'buffers',
    title: 'Buffers',
    keys: [['↑↓ PgUp PgDn', 'more buffers, when not all fit', 'more']],
    Component: BuffersTab,
  },
  {
    id: 'logs',
    title: 'Logs',
    keys: [
      ['↑↓ PgUp PgDn', 'scroll'],
      ['End', 'follow'],
      ['f', 'filter worker', 'filter'],
    ],
    Component: LogsTab,
  },
];
