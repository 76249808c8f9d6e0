/** Signals that ask a run to end: Ctrl-C, a `kill`, and the terminal going away. */
const INTERRUPT_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
/** A detached run has no terminal to lose: a stray SIGHUP is ignored (as under nohup). */
const DETACHED_INTERRUPT_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/** Calls `handler` on each interrupt signal until the returned function removes it. */
export function onInterruptSignals(handler: () => void, { isDetached = false } = {}): () => void {
  const signals = isDetached ? DETACHED_INTERRUPT_SIGNALS : INTERRUPT_SIGNALS;
  const ignore = () => undefined;
  if (isDetached) process.on('SIGHUP', ignore);
  for (const signal of signals) process.on(signal, handler);
  return () => {
    for (const signal of signals) process.off(signal, handler);
    process.off('SIGHUP', ignore);
  };
}
