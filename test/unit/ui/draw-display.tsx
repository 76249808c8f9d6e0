import { render } from 'ink-testing-library';
import { useRef } from 'react';
import { vi } from 'vitest';
import type { RunSnapshot } from '../../../src/control/stats/snapshot.js';
import { displayKey, type DisplayFrame } from '../../../src/display/index.js';
import { DisplayTab } from '../../../src/ui/components/DisplayTab.js';
import { useKeys } from '../../../src/ui/hooks/use-keys.js';
import { TabKeysContext, type KeyHandler } from '../../../src/ui/hooks/use-tab-keys.js';
import { LogStore } from '../../../src/ui/log-store.js';
import { FakeControl } from './fake-control.js';

/** Hands the keys typed into the fake stdin to the shown tab, as the App does. */
function WithKeys({ children }: { children: React.ReactNode }) {
  const slot = useRef<KeyHandler | undefined>(undefined);
  useKeys((input, key) => slot.current?.(input, key), true);
  return <TabKeysContext.Provider value={slot}>{children}</TabKeysContext.Provider>;
}

/** The display drawn on its own, `width` × `height`; keys written to stdin reach it. */
export function drawDisplay(frame: DisplayFrame, width = 100, height = 16, latest?: RunSnapshot) {
  const control = new FakeControl(['raw'], ['source', 'sink']);
  control.displays.update([frame]);
  const view = render(
    <WithKeys>
      <DisplayTab
        display={displayKey(frame)}
        latest={latest}
        history={[]}
        logs={new LogStore()}
        control={control}
        width={width}
        height={height}
        hasFocus
        ask={vi.fn()}
        say={vi.fn()}
        stopping={new Set()}
        markStopping={vi.fn()}
      />
    </WithKeys>,
  );
  return { control, ...view, frame: view.lastFrame() ?? '' };
}
