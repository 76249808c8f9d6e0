import type { ChildOutcome, ChildSpec } from './child-runner.js';
import type { BenchNatsServer } from './nats-server.js';
import type { ScratchDir } from './scratch-dir.js';
import type { TmuxPane, TmuxPaneSpec } from './tmux-pane.js';

/** One timed run of a scenario: events moved and seconds from the first commit to the last receipt. */
export interface RunMeasurement {
  readonly events: number;
  readonly seconds: number;
  /** Further figures of this run (CPU seconds, waits); the report gives the median of each. */
  readonly extras?: Readonly<Record<string, number>>;
  /**
   * What this run's checks found wrong although it ran to its end (events lost, duplicated or
   * altered). A scenario that checks this way gives an empty list for a clean run; the series
   * goes on, and the JSON line counts the runs with problems as `lost_runs`.
   */
  readonly problems?: readonly string[];
}

/** Figures of a whole series that no median of single runs gives (e.g. the worst latency). */
export type SeriesFigures = Readonly<Record<string, number | readonly number[]>>;

/** What a scenario gets for one run: its event count and the means to start processes and make files. */
export interface RunContext {
  readonly events: number;
  /** A fresh directory (under /dev/shm) that is removed after the run, also on failure or Ctrl-C. */
  readonly makeScratchDir: () => ScratchDir;
  /** Starts the children, lets them go once all are ready, and resolves when all exited cleanly. */
  readonly runChildren: (specs: readonly ChildSpec[]) => Promise<ChildOutcome[]>;
  /** Starts a program in a tmux pane of its own; it is killed after the run, also on Ctrl-C. */
  readonly openTmuxPane: (spec: TmuxPaneSpec) => TmuxPane;
  /** Starts a nats-server with JetStream of this run; killed and its store removed after the run. */
  readonly startNatsServer: () => Promise<BenchNatsServer>;
  /** How long one run may take, start to exit. */
  readonly deadlineMs: number;
}

/** A benchmark scenario. Add one by writing a file in scenarios/ and listing it in registry.ts. */
export interface Scenario {
  /** What `--scenario` selects and the `scenario` key of the JSON line. */
  readonly name: string;
  readonly title: string;
  readonly defaultEvents: number;
  /** A scenario run interleaved with this one (A B A B); the report gives the median ratio to it. */
  readonly reference?: string;
  /**
   * A second probe run interleaved with it (A B C A B C): the ceiling for when the framework batches
   * its tokens. The report gives `ratio_to_batched_reference` as for `reference`.
   */
  readonly batchedReference?: string;
  /**
   * Why this scenario cannot run on this machine (a missing program), or undefined when it can.
   * An unavailable scenario is skipped with that note; one that has it as reference runs alone.
   */
  readonly unavailable?: () => string | undefined;
  /**
   * Figures of one round from this scenario's run and its reference's run of that round (B: the
   * framework's own CPU per event); the report gives the median of each and `<key>_runs`.
   */
  readonly compareRound?: (
    run: RunMeasurement,
    reference: RunMeasurement,
  ) => Readonly<Record<string, number>>;
  /** Fixed figures copied into the JSON line, e.g. `python_original_events_per_s`. */
  readonly constants?: Readonly<Record<string, number>>;
  /** Adds figures of the whole series to the JSON line, after the medians of the extras. */
  readonly summarize?: (measurements: readonly RunMeasurement[]) => SeriesFigures;
  runOnce(context: RunContext): Promise<RunMeasurement>;
}
