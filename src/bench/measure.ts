import { BenchError } from './bench-error.js';
import type { RunContext, RunMeasurement, Scenario } from './types.js';

/** Called after each run, e.g. to show progress. */
export type RunListener = (scenario: Scenario, run: number, measurement: RunMeasurement) => void;

/**
 * Runs a group of scenarios `runs` times, interleaved (A B B A A B ...), so that the load of this
 * shared machine drifts over all of them alike and none always runs first (right after the
 * previous run's processes, or on a cooler machine). Returns each scenario's runs in order.
 */
export async function measureGroup(
  group: readonly Scenario[],
  runs: number,
  makeContext: (scenario: Scenario) => RunContext,
  onRun: RunListener = () => undefined,
): Promise<Map<Scenario, RunMeasurement[]>> {
  const measured = new Map<Scenario, RunMeasurement[]>(group.map((s) => [s, []]));
  for (let run = 0; run < runs; run++) {
    for (const scenario of run % 2 === 0 ? group : [...group].reverse()) {
      let measurement: RunMeasurement;
      try {
        measurement = await scenario.runOnce(makeContext(scenario));
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw new BenchError(`${scenario.name}, run ${run + 1} of ${runs}: ${message}`, { cause: error });
      }
      measured.get(scenario)?.push(measurement);
      onRun(scenario, run, measurement);
    }
  }
  return measured;
}
