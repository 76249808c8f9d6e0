/** What a staged shutdown acts on. */
export interface ShutdownSteps {
  readonly stopRoots: () => void;
  readonly endAllBuffers: () => void;
  readonly terminateAll: () => void;
  /** Resolves true once every process is gone, false if some still live after `ms`. */
  readonly allGoneWithin: (ms: number) => Promise<boolean>;
  readonly processesAlive: () => number;
  readonly notice: (message: string) => void;
}

/**
 * The orderly end: stop the roots and let the chain drain; if processes are still alive after a
 * stage, end every buffer; after another, terminate what is left (SIGTERM, SIGKILL after the
 * grace).
 */
export async function shutDownInStages(steps: ShutdownSteps, stageMs: number): Promise<void> {
  steps.stopRoots();
  if (await steps.allGoneWithin(stageMs)) return;
  steps.notice(
    `${steps.processesAlive()} processes still alive ${stageMs / 1000} s after stopping the roots: ending every buffer`,
  );
  steps.endAllBuffers();
  if (await steps.allGoneWithin(stageMs)) return;
  steps.notice(`${steps.processesAlive()} processes still alive: terminating them`);
  steps.terminateAll();
}
