import { useEffect, useState } from 'react';
import type { RunResult } from '../../control/run/run.js';
import type { RunSnapshot } from '../../control/stats/snapshot.js';
import { appendSnapshot } from '../history.js';
import type { TuiControl } from '../tui-control.js';

export interface RunState {
  readonly latest: RunSnapshot | undefined;
  /** The snapshots of the last minute, oldest first. */
  readonly history: readonly RunSnapshot[];
  /** Set once every process is gone and the run has ended. */
  readonly result: RunResult | undefined;
}

/** Control's snapshots (one a second) and the run's result, as React state. */
export function useRunState(control: TuiControl): RunState {
  const [state, setState] = useState<RunState>(() => {
    const latest = control.snapshot;
    return { latest, history: control.history ?? (latest ? [latest] : []), result: undefined };
  });
  useEffect(() => {
    let isMounted = true;
    const unsubscribe = control.onSnapshot((snapshot) =>
      setState((previous) => ({
        ...previous,
        latest: snapshot,
        history: appendSnapshot(previous.history, snapshot),
      })),
    );
    void control.finished.then((result) => {
      if (!isMounted) return;
      setState((previous) => ({
        latest: result.snapshot,
        // The final snapshot was also emitted; appending replaces it rather than adding it twice.
        history: appendSnapshot(previous.history, result.snapshot),
        result,
      }));
    });
    return () => {
      isMounted = false;
      unsubscribe();
    };
  }, [control]);
  return state;
}
