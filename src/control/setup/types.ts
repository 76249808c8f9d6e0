import type { BufferLayout } from '../../buffer/index.js';
import type { ConfigOverride } from './config-overrides.js';
import type { ModuleResult } from './module-exports.js';

/**
 * The setup file, as the original mimoCoRB2 reads it:
 *
 * ```yaml
 * Buffers:
 *   name: {slot_count: int, data_length: int, data_dtype: {field: dtype, ...}, overwrite: bool?}
 * Workers:
 *   name: {file: str?, function: str, config: dict | str | [str | dict], number_of_processes: int?,
 *          sources: [str]?, sinks: [str]?, observes: [str]?,
 *          restart: never | on-failure, max_restarts: int, restart_backoff: s,
 *          max_memory: 512M | 2G, max_silence: s}           # supervision, all optional
 * base_config: dict | str | [str | dict]   # merged under every worker's config
 * target_directory: str                     # absolute, relative to the setup file, or ~/... (default: target)
 * ```
 *
 * - Other top-level keys are errors, except keys whose value carries a YAML anchor (`tpl: &tpl {...}`):
 *   they hold templates for `<<: *tpl` merges and aliases. `Options` (written by the original's
 *   examples, read nowhere by the original) is accepted: `debug_workers` silently, `output_directory`
 *   as target_directory when that key is absent (a different target_directory wins, with a warning);
 *   other keys with a warning.
 * - A buffer and a worker may share a name (the original's redpitaya example does): they are
 *   different kinds of things and never share a file name. Two buffers or two workers may not.
 * - Config files are YAML, relative to the setup file (or absolute, or `~/...`). Configs merge
 *   shallowly, later keys win; base_config is merged under each worker's config. Paths inside a
 *   config are not rewritten: prebuilt functions resolve relative `filename`-like keys against the
 *   setup file's directory (`io.setupDir`).
 * - `null` for an optional key (`config:` with nothing after it) means the key is absent.
 */

/** How control supervises the processes of one worker (worker-level keys beside number_of_processes). */
export interface WorkerSupervision {
  /** `on-failure`: a process that fails (error, crash, watchdog) is started again. @default 'never' */
  readonly restart: 'never' | 'on-failure';
  /** Restarts of each process before control gives up on it. @default 3 */
  readonly maxRestarts: number;
  /** Seconds before the first restart of a process; doubles with each one, up to 30. @default 1 */
  readonly restartBackoffS: number;
  /** A process whose resident memory exceeds this many bytes is killed. @default undefined (no limit) */
  readonly maxMemoryBytes: number | undefined;
  /** A process that holds events without progress for this many seconds is killed. @default undefined */
  readonly maxSilenceS: number | undefined;
}

/** One buffer, ready for `RingBuffer.create` (it is a complete `BufferSpec`). */
export interface ResolvedBuffer {
  readonly name: string;
  readonly slotCount: number;
  readonly dataLength: number;
  /** field name -> numpy dtype string as written, in column order. */
  readonly fields: Readonly<Record<string, string>>;
  /** @default false */
  readonly overwrite: boolean;
  /** Sum of number_of_processes of the workers that have this buffer as a sink. */
  readonly writers: number;
  /** Sum of number_of_processes of the workers that have this buffer as a source. */
  readonly readers: number;
  /** Sum of number_of_processes of the workers that observe this buffer. */
  readonly observers: number;
  /** Process entries in the file: every reader or writer process, restarted ones included. */
  readonly maxProcesses: number;
}

/** One worker with its config merged and its file made absolute. */
export interface ResolvedWorker {
  readonly name: string;
  /** Absolute path of the worker's module; undefined for a prebuilt function. */
  readonly file: string | undefined;
  /**
   * The interpreter of a `.py` worker file as the setup's `python` key names it (made absolute
   * when it is a path); undefined: MIMOCORB2_PYTHON, else /usr/bin/python3.
   */
  readonly python?: string;
  /** The exported function's name, or the prebuilt function's dotted name (`exporters.csv`). */
  readonly function: string;
  /** base_config, then each config entry in order, merged shallowly (later keys win). */
  readonly config: Readonly<Record<string, unknown>>;
  /** @default 1 */
  readonly numberOfProcesses: number;
  readonly sources: readonly string[];
  readonly sinks: readonly string[];
  readonly observes: readonly string[];
  /** The files a prebuilt function writes in the run directory (none for a worker file's function). */
  readonly files: readonly WrittenFile[];
  readonly supervision: WorkerSupervision;
}

/** A setup that passed every check: frozen, with defaults filled and paths absolute. */
export interface ResolvedSetup {
  /** Absolute path of the setup file. */
  readonly setupFile: string;
  /** Directory of the setup file: relative paths in the setup are relative to it. */
  readonly setupDir: string;
  /** Absolute directory that run directories are made in. */
  readonly targetDirectory: string;
  readonly buffers: readonly ResolvedBuffer[];
  readonly workers: readonly ResolvedWorker[];
  /** Things that run but are probably not meant, formatted like problems. */
  readonly warnings: readonly string[];
  /**
   * The fully resolved setup with the original key names (base_config and config files merged
   * into each worker's config, worker files and target_directory absolute, templates and Options
   * dropped): what a run directory's setup.yaml holds, and it loads again as a setup.
   */
  readonly plain: PlainSetup;
}

/** The resolved setup in the setup file's own terms, for YAML output. */
export interface PlainSetup {
  readonly Buffers: Readonly<Record<string, PlainBuffer>>;
  readonly Workers: Readonly<Record<string, PlainWorker>>;
  readonly target_directory: string;
}

export interface PlainBuffer {
  readonly slot_count: number;
  readonly data_length: number;
  readonly data_dtype: Readonly<Record<string, string>>;
  readonly overwrite: boolean;
}

export interface PlainWorker {
  readonly file?: string;
  readonly python?: string;
  readonly function: string;
  readonly config: Readonly<Record<string, unknown>>;
  readonly number_of_processes: number;
  readonly restart?: 'never' | 'on-failure';
  readonly max_restarts?: number;
  readonly restart_backoff?: number;
  readonly max_memory?: string;
  readonly max_silence?: number;
  readonly sources: readonly string[];
  readonly sinks: readonly string[];
  readonly observes: readonly string[];
}

/**
 * A worker as far as its entry passed the checks of the setup document: name, function and file
 * always; a key with a problem is undefined. What the checks after the document look at.
 */
export interface DraftWorker {
  readonly name: string;
  /** Absolute path of the worker's module; undefined for a prebuilt function. */
  readonly file: string | undefined;
  /** The interpreter of a `.py` worker file (the setup's `python` key); see ResolvedWorker. */
  readonly python?: string;
  readonly function: string;
  /** base_config, then the worker's config entries, merged. */
  readonly config: Readonly<Record<string, unknown>> | undefined;
  readonly numberOfProcesses: number | undefined;
  readonly sources: readonly string[] | undefined;
  readonly sinks: readonly string[] | undefined;
  readonly observes: readonly string[] | undefined;
  readonly supervision: WorkerSupervision | undefined;
}

/** A setup file whose document has been checked, open for further checks to add their problems. */
export interface SetupDraft {
  /** Absolute path of the setup file. */
  readonly setupFile: string;
  readonly setupDir: string;
  /** Every worker whose name, function and file passed, also when other keys did not. */
  readonly workers: readonly DraftWorker[];
  /**
   * Records a problem at a key path of the setup file (`['Workers', 'filter', 'function']`),
   * shown with its file, line and column; the setup then fails with every problem at once.
   */
  error(keyPath: readonly (string | number)[], message: string): void;
  /** Records a warning at a key path; the setup still runs. */
  warn(keyPath: readonly (string | number)[], message: string): void;
}

/**
 * One check of a setup after its document (worker modules, prebuilt functions, ...): it records
 * what it finds on the draft and never throws for a problem of the setup.
 */
export type SetupCheck = (draft: SetupDraft) => void | Promise<void>;

/** How to load a setup. */
export interface LoadSetupOptions {
  /**
   * Overrides the setup's target_directory (the CLI's `--target-dir`); relative to the current
   * directory, `~/...` in the home directory.
   */
  readonly targetDirectory?: string;
  /** Directory a relative `targetDirectory` override is taken from. @default process.cwd() */
  readonly cwd?: string;
  /** The registry of prebuilt functions; without it, prebuilt workers are not checked. */
  readonly prebuilt?: PrebuiltChecker;
  /**
   * Config values from the command line (`--set <worker>.<key>=<value>`), merged over the
   * worker's config and checked like it; later ones win.
   */
  readonly configOverrides?: readonly ConfigOverride[];
}

/** How many buffers of one kind a function takes: exactly n, or from min to max (no max: any number). */
export type BufferCount = number | { readonly min: number; readonly max?: number };

/** Imports worker modules by absolute path and tells what each exports (or why it did not load). */
export type ReadWorkerExports = (files: readonly string[]) => Promise<ReadonlyMap<string, ModuleResult>>;

export interface CheckWorkerExportsOptions {
  /** @default imports them in a child process, like a worker process does (`.ts`, `.js`, `.mjs`) */
  readonly readExports?: ReadWorkerExports;
}

/** A place in a worker's entry: a key path inside its merged config, or inside the entry itself. */
export type WorkerPlace =
  | { readonly config: string; readonly path?: readonly (string | number)[] }
  | { readonly entry: readonly (string | number)[] };

/** Receives what the check of one prebuilt worker finds; messages read `expected …, got …`. */
export interface WorkerReport {
  error(place: WorkerPlace, message: string): void;
  warn(place: WorkerPlace, message: string): void;
}

/** A prebuilt worker's own keys, which its checks see also when one of its buffers is broken. */
export interface PrebuiltWorkerKeys {
  readonly name: string;
  readonly function: string;
  /** base_config and config merged, as the worker receives it. */
  readonly config: Readonly<Record<string, unknown>>;
  readonly numberOfProcesses: number;
}

/** A prebuilt worker of a resolved setup, with its buffers' layouts, as its checks see it. */
export interface PrebuiltWorker extends PrebuiltWorkerKeys {
  readonly sources: readonly BufferLayout[];
  readonly sinks: readonly BufferLayout[];
  readonly observes: readonly BufferLayout[];
  readonly setupDir: string;
}

/** A file a worker writes in the run directory (`/`-separated; ending in `/`: a whole directory). */
export interface WrittenFile {
  readonly path: string;
  /** What names it (a config key, or the source buffer), for a collision's message. */
  readonly namedBy: WorkerPlace;
  /**
   * `lines`: the file grows by whole lines (a CSV), and control cuts a partial last line off
   * when a process of its worker dies.
   */
  readonly rows?: 'lines';
  /** The exporter rotates it: it is written as `<stem>.0001<ext>`, `<stem>.0002<ext>`, … */
  readonly numbered?: boolean;
}

/** A file of the run directory a worker shows, which another worker of the setup must write. */
export interface ReadFile {
  readonly path: string;
  /** What names it (the observed buffer, a config key), where a warning points. */
  readonly namedBy: WorkerPlace;
  /** The worker that would write it, in words: `an exporters.csv with filename 'x'`. */
  readonly writer: string;
}

/** The run directory's files one prebuilt worker writes and reads. */
export interface WorkerFiles {
  readonly writes: readonly WrittenFile[];
  readonly reads: readonly ReadFile[];
}

/** Checks prebuilt workers against their declarations (the registry of prebuilt functions). */
export interface PrebuiltChecker {
  /** Every prebuilt function's name, to suggest one for a misspelt name. */
  readonly names: readonly string[];
  /**
   * Checks one worker, reporting every problem; returns the files it writes and reads, or
   * undefined when no prebuilt function has its name.
   */
  check(worker: PrebuiltWorker, report: WorkerReport): WorkerFiles | undefined;
  /**
   * For a worker one of whose buffers is broken (and reported): checks what needs no layout, its
   * processes and config keys; false when no prebuilt function has its name.
   */
  checkWithoutBuffers(worker: PrebuiltWorkerKeys, report: WorkerReport): boolean;
}
