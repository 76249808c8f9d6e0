import { useEffect, useState } from 'react';
import type { LogLine } from '../../control/logs/index.js';
import { appendLogLines } from '../log-list.js';
import type { TuiControl } from '../tui-control.js';

/** The name under which control's own notices appear among the logs. */
export const CONTROL_LOG_NAME = 'control';

/** The newest lines of every worker's output, with control's notices among them. */
export function useLogLines(control: TuiControl): readonly LogLine[] {
  const [lines, setLines] = useState<readonly LogLine[]>([]);
  useEffect(() => {
    const offLines = control.onLogLines((batch) => setLines((previous) => appendLogLines(previous, batch)));
    const offNotices = control.onNotice((text) =>
      setLines((previous) =>
        appendLogLines(previous, [
          { worker: CONTROL_LOG_NAME, processIndex: undefined, text, isError: false },
        ]),
      ),
    );
    return () => {
      offLines();
      offNotices();
    };
  }, [control]);
  return lines;
}
