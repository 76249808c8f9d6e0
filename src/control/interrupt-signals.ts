/** Signals that ask a run to end: Ctrl-C, a `kill`, and the terminal going away. */
const INTERRUPT_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Calls `handler` on each interrupt signal until the returned function removes it. */
export function onInterruptSignals(handler: () => void): () => void {
  for (const signal of INTERRUPT_SIGNALS) process.on(signal, handler);
  return () => {
    for (const signal of INTERRUPT_SIGNALS) process.off(signal, handler);
  };
}
