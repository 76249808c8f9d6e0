import type { BufferLayout } from '../../buffer/index.js';
import type {
  BufferCount,
  ReadFile,
  WorkerPlace,
  WorkerReport,
  WrittenFile,
} from '../../control/setup/index.js';
import type { ConfigType } from './config-types.js';

/** The worker templates a prebuilt function is built on (the original's names). */
export type TemplateName = 'Importer' | 'Exporter' | 'Filter' | 'Processor' | 'Observer' | 'IsAlive';

/** What the buffers of one kind (sources, sinks or observes) must be. */
export interface BufferRule {
  readonly count: BufferCount;
  /** Each must have this data_length. */
  readonly dataLength?: number;
  /** Each must have the data_length and data_dtype of the first source (events pass on unchanged). */
  readonly sameAsSource?: boolean;
  /** Each must have exactly these fields with these dtypes, in this order. */
  readonly dtype?: Readonly<Record<string, string>>;
  /** More that the docs say about them (checked by the function's `check`, if at all). */
  readonly note?: string;
}

/** One config key of a prebuilt function. */
export interface ConfigKey<T = unknown> {
  readonly type: ConfigType<T>;
  /** One line: what the key does. */
  readonly meaning: string;
  /** The key must be given. */
  readonly required?: boolean;
  /** The value when the key is absent (or null); absent and no default: undefined. */
  readonly default?: T;
  /** How the docs show a default that depends on the setup, e.g. "the source buffer's name". */
  readonly defaultText?: string;
}

/** The config keys of a function by name, in the order the docs list them. */
export type ConfigKeys = Readonly<Record<string, ConfigKey<unknown>>>;

type KeyValue<K> =
  K extends ConfigKey<infer T>
    ? K extends { readonly required: true } | { readonly default: unknown }
      ? T
      : T | undefined
    : never;

/** The values a function works with: every declared key, with its default filled in. */
export type ConfigValues<C extends ConfigKeys> = { readonly [K in keyof C]: KeyValue<C[K]> };

/** A prebuilt worker as its checks see it: the setup's entry with its buffers' layouts. */
export interface WorkerShape<C extends ConfigKeys = ConfigKeys> {
  readonly name: string;
  /** Checked config values with defaults (keys of other functions left out). */
  readonly config: ConfigValues<C>;
  readonly numberOfProcesses: number;
  readonly sources: readonly BufferLayout[];
  readonly sinks: readonly BufferLayout[];
  readonly observes: readonly BufferLayout[];
  /** Directory of the setup file: relative paths in configs are relative to it. */
  readonly setupDir: string;
}

/** Where a function's own check found something: a config key, or a key of the worker's entry. */
export type CheckPlace = WorkerPlace;
/** Receives what a function's own check finds; messages read `expected …, got …`. */
export type CheckReport = WorkerReport;
/** A file a function writes in the run directory. */
export type OwnedFile = WrittenFile;

/**
 * A prebuilt function: how a setup uses it (`function: exporters.csv`, no `file:`), what it needs
 * and accepts, and its docs. Everything `mimocorb2 functions` prints and `validate` checks.
 */
export interface PrebuiltDeclaration<C extends ConfigKeys = ConfigKeys> {
  /** `group.name`, as the original's functions folder. */
  readonly name: string;
  /** The implementation: its compiled module's URL and the function it exports. */
  readonly module: URL;
  readonly exportName: string;
  readonly template: TemplateName;
  /** One line, for the list. */
  readonly summary: string;
  /** One paragraph: what it does, what it writes, how it ends. */
  readonly description: string;
  readonly buffers: {
    readonly sources: BufferRule;
    readonly sinks: BufferRule;
    readonly observes: BufferRule;
  };
  readonly configs: C;
  /** A setup snippet (YAML with Buffers and Workers) that validates as it is. */
  readonly example: string;
  /** Python that reads what the function writes, for the docs. */
  readonly reading?: string;
  /** Flags its node processes start with besides control's own (e.g. V8 heap settings). */
  readonly nodeFlags?: readonly string[];
  /**
   * The files it writes in the run directory. A function that writes files runs as one process
   * (`number_of_processes: 1`), and no two workers may write the same file.
   */
  readonly writes?: {
    /** For the docs: `<run directory>/<filename>.csv`. */
    readonly text: string;
    files(worker: WorkerShape<C>): readonly OwnedFile[];
  };
  /**
   * The files of the run directory it shows, which another worker of the setup must write:
   * validation warns when none does (it would show nothing).
   */
  reads?(worker: WorkerShape<C>): readonly ReadFile[];
  /**
   * Checks that do not fit the declarative shape; runs once the config keys passed their declared
   * checks and the buffer counts fit.
   */
  check?(worker: WorkerShape<C>, report: CheckReport): void;
}

/** Declares a prebuilt function; the registry collects the declarations. */
export function declarePrebuilt<const C extends ConfigKeys>(
  declaration: PrebuiltDeclaration<C>,
): PrebuiltDeclaration<C> {
  return declaration;
}
