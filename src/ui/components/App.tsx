import { Box, useApp } from 'ink';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { DisplayTabs, displayTabsSignature } from '../display-tabs.js';
import { useKeys } from '../hooks/use-keys.js';
import { useRunState } from '../hooks/use-run-state.js';
import { TabKeysContext, type KeyHandler } from '../hooks/use-tab-keys.js';
import { TabStateContext } from '../hooks/use-tab-state.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { processKey, type TabDefinition } from '../tab-types.js';
import { BUILTIN_TABS } from '../tabs.js';
import type { TuiControl } from '../tui-control.js';
import type { RunSnapshot } from '../../control/stats/snapshot.js';
import { fitKeys, HelpRow, helpRows } from './HelpRow.js';
import { PromptRow, type Prompt } from './PromptRow.js';
import { RootTable } from './RootTable.js';
import { StatusRow, statusRows } from './StatusRow.js';
import { TabBar } from './TabBar.js';

export interface AppProps {
  readonly control: TuiControl;
  readonly tabs?: readonly TabDefinition[];
  /** Called once when the person has left (the Ink app exits right after). */
  readonly onExit?: () => void;
}

/** Rows under the tab for the root table, at most. */
const MAX_ROOT_ROWS = 4;
/** Tabs the number keys reach (1-9); the arrows reach all. */
const MAX_NUMBERED_TABS = 9;

/**
 * The fixed tabs, then one per display as soon as its first frame comes. Redraws the App only
 * when a display appears, not for every frame (the display's own tab redraws for those).
 */
function useTabsWithDisplays(
  control: TuiControl,
  fixedTabs: readonly TabDefinition[],
  latest: RunSnapshot | undefined,
): readonly TabDefinition[] {
  const displayTabs = useState(() => new DisplayTabs())[0];
  const signature = useSyncExternalStore(control.displays.subscribe, () =>
    displayTabsSignature(control.displays.getFrames()),
  );
  const workers = latest?.workers;
  return useMemo(() => {
    if (signature === '') return fixedTabs;
    const processesOf = (worker: string) => workers?.find((w) => w.name === worker)?.processesTotal ?? 1;
    return [...fixedTabs, ...displayTabs.tabsFor(control.displays.getFrames(), processesOf)];
  }, [control, displayTabs, fixedTabs, signature, workers]);
}

/** The control TUI: tabs over the run's statistics and output, the root table, status, keys. */
export function App({ control, tabs: fixedTabs = BUILTIN_TABS, onExit }: AppProps) {
  const app = useApp();
  const { columns, rows } = useTerminalSize();
  const { latest, history, result } = useRunState(control);
  const tabs = useTabsWithDisplays(control, fixedTabs, latest);
  const [active, setActive] = useState(0);
  const [prompt, setPrompt] = useState<Prompt | undefined>();
  const [message, setMessage] = useState<string | undefined>();
  const [isRootsPaused, setRootsPaused] = useState(false);
  const [isLeaving, setLeaving] = useState(false);
  const [stopping, setStopping] = useState<ReadonlySet<string>>(new Set());
  const tabState = useRef(new Map<string, unknown>()).current;
  const tabKeys = useRef<KeyHandler | undefined>(undefined);
  // The tab about to render sets its handler again; a tab without keys leaves none.
  tabKeys.current = undefined;
  const hasLeft = useRef(false);
  // What the p key acts on; it may come twice before a render.
  const rootsPaused = useRef(false);
  // Another attach, the web page or a plain command may pause or resume the roots: p follows the
  // run, taken up in the render that shows it (an effect would come after a key pressed meanwhile).
  const runRootsPaused =
    latest && control.roots.some((name) => latest.buffers.find((b) => b.name === name)?.paused);
  const [seenRootsPaused, setSeenRootsPaused] = useState<boolean | undefined>();
  if (runRootsPaused !== undefined && runRootsPaused !== seenRootsPaused) {
    setSeenRootsPaused(runRootsPaused);
    setRootsPaused(runRootsPaused);
    rootsPaused.current = runRootsPaused;
  }

  const leave = useCallback(() => {
    if (hasLeft.current) return;
    hasLeft.current = true;
    onExit?.();
    app.exit();
  }, [app, onExit]);

  useEffect(() => control.onNotice(setMessage), [control]);
  useEffect(() => {
    if (result !== undefined && isLeaving) leave();
  }, [result, isLeaving, leave]);

  const ask = useCallback((question: string, onYes: () => void) => setPrompt({ question, onYes }), []);
  const markStopping = useCallback(
    (keys: readonly string[]) => setStopping((previous) => new Set([...previous, ...keys])),
    [],
  );
  const shownStopping = useMemo(() => {
    const exited = new Set(
      latest?.processes.filter((p) => p.state === 'exited').map((p) => processKey(p.worker, p.index)),
    );
    return new Set([...stopping].filter((key) => !exited.has(key)));
  }, [latest, stopping]);

  const whileRunning = (action: () => void) => {
    if (result !== undefined) setMessage('the run has finished: press q to exit');
    else action();
  };

  const quit = () => {
    if (result !== undefined) return leave();
    if (isLeaving) {
      control.killAll();
      setMessage('terminating every worker process');
      return;
    }
    const alive = control.processesAlive;
    if (alive === 0) {
      setLeaving(true);
      setMessage('finishing the run…');
      return;
    }
    ask(`${alive} processes are alive. Shut down (stop roots, end buffers, terminate) and exit?`, () => {
      control.shutdown();
      setLeaving(true);
      setMessage('shutting down; exits when every process is gone (q again: kill now)');
    });
  };

  useKeys((input, key) => {
    if (
      control.detach !== undefined &&
      ((key.ctrl && input === 'c') || (prompt === undefined && input === 'd'))
    ) {
      control.detach();
      leave();
      return;
    }
    if (key.ctrl && input === 'c') {
      setPrompt(undefined);
      setLeaving(true);
      control.interrupt();
      return;
    }
    if (prompt !== undefined) {
      if (input === 'y' || input === 'Y') {
        setPrompt(undefined);
        prompt.onYes();
      } else if (input === 'n' || input === 'N' || key.escape) {
        setPrompt(undefined);
        setMessage('cancelled');
      }
      return;
    }
    const number = Number.parseInt(input, 10);
    if (input.length === 1 && number >= 1 && number <= tabs.length) setActive(number - 1);
    else if (key.rightArrow || (key.tab && !key.shift)) setActive((previous) => (previous + 1) % tabs.length);
    else if (key.leftArrow || (key.tab && key.shift))
      setActive((previous) => (previous + tabs.length - 1) % tabs.length);
    else if (input === 'q') quit();
    else if (input === 'p')
      whileRunning(() => {
        const isPaused = !rootsPaused.current;
        rootsPaused.current = isPaused;
        control.setRootsPaused(isPaused);
        setRootsPaused(isPaused);
        setMessage(
          isPaused ? 'paused the root buffers: new events are discarded' : 'resumed the root buffers',
        );
      });
    else if (input === 's')
      whileRunning(() => {
        control.stopRoots();
        setMessage('stopping the roots; the chain drains');
      });
    else if (input === 'a')
      whileRunning(() =>
        ask('End every buffer now? Events still in them may be dropped.', () => {
          control.stopAll();
          setMessage('ending every buffer');
        }),
      );
    else if (input === 'K')
      whileRunning(() =>
        ask('Kill every worker process (SIGTERM, then SIGKILL after the grace)?', () => {
          markStopping(
            latest?.processes.filter((p) => p.state !== 'exited').map((p) => processKey(p.worker, p.index)) ??
              [],
          );
          control.killAll();
          setMessage('terminating every worker process');
        }),
      );
    else tabKeys.current?.(input, key);
  }, true);

  const tab = tabs[Math.min(active, tabs.length - 1)] as TabDefinition;
  const keys = fitKeys(
    prompt !== undefined
      ? [
          ['y', 'yes'],
          ['n', 'no'],
        ]
      : [
          [`1-${Math.min(MAX_NUMBERED_TABS, tabs.length)} ←→`, 'tabs'],
          ...tab.keys,
          ...(result === undefined
            ? ([
                ...(tab.liveKeys ?? []),
                ['p', isRootsPaused ? 'resume roots' : 'pause roots', isRootsPaused ? 'resume' : 'pause'],
                ['s', 'stop roots', 'stop'],
                ['a', 'end all buffers', 'end all'],
                ['K', 'kill workers', 'kill all'],
              ] as const)
            : []),
          ['q', 'quit'],
          // An attached TUI must always say how to leave the run running (while there is one).
          ...(control.detach === undefined || result !== undefined
            ? []
            : ([['d', 'detach (the run goes on)', 'detach']] as const)),
        ],
    control.detach === undefined ? [['^C', 'interrupt']] : [],
    columns,
  );
  const height = Math.max(1, rows - 1);
  const rootRows = Math.min(MAX_ROOT_ROWS, control.roots.length);
  const helpHeight = helpRows(keys, columns);
  const status = {
    latest,
    runDirectory: control.runDirectory,
    width: columns,
    pinnedLines: control.pinnedLines,
  };
  const tabHeight = Math.max(1, height - 1 - (1 + rootRows) - statusRows(status) - 1 - helpHeight);
  const Tab = tab.Component;
  return (
    <TabStateContext.Provider value={tabState}>
      <TabKeysContext.Provider value={tabKeys}>
        <Box flexDirection="column" width={columns} height={height}>
          <TabBar tabs={tabs} active={active} width={columns} />
          <Box height={tabHeight} width={columns}>
            <Tab
              latest={latest}
              history={history}
              logs={control.logs}
              control={control}
              width={columns}
              height={tabHeight}
              hasFocus={prompt === undefined}
              ask={ask}
              say={setMessage}
              stopping={shownStopping}
              markStopping={markStopping}
            />
          </Box>
          <RootTable latest={latest} roots={control.roots} width={columns} maxRows={rootRows} />
          <StatusRow {...status} />
          <PromptRow prompt={prompt} result={result} message={message} width={columns} />
          <HelpRow keys={keys} width={columns} />
        </Box>
      </TabKeysContext.Provider>
    </TabStateContext.Provider>
  );
}
