import { writeSync } from 'node:fs';
import { Observer, Reader, Writer, type RingBuffer } from '../buffer/index.js';
import { DisplayPublisher, type DisplayPublisherOptions } from '../display/index.js';
import { WorkerSetupError } from '../errors.js';

/** `false` -> boolean, `1000` -> number, `'a'` -> string; other types stay as they are. */
export type WidenLiteral<T> = T extends boolean
  ? boolean
  : T extends number
    ? number
    : T extends string
      ? string
      : T;

/** How a worker process is wired: built by the worker entry from control's start message. */
export interface BufferIOOptions {
  /** The worker's name in the setup file. */
  readonly name: string;
  /** 0-based index of this process among the worker's `number_of_processes`. */
  readonly processIndex?: number;
  /** The worker's merged config. */
  readonly config?: Readonly<Record<string, unknown>>;
  readonly setupDir?: string;
  /** Absolute path of the setup file. @default '' (not known) */
  readonly setupFile?: string;
  readonly runDir?: string;
  readonly sources?: readonly RingBuffer[];
  readonly sinks?: readonly RingBuffer[];
  readonly observes?: readonly RingBuffer[];
  /** Where displays are published (control's TUI reads them); without it they go nowhere. */
  readonly displayDir?: string;
  /** Tells control this process checked its buffers (two-phase start). */
  readonly onReady?: () => void;
  /** Blocks until control lets data flow; sources call it before their first event. */
  readonly waitForGo?: () => void;
  /**
   * Control supervises this process: when it fails, it exits holding what it held and control
   * returns it (its events go to a sibling or a restarted process). Without control, a failed
   * template ends its sinks and drains its sources, so that the rest of the chain can end.
   * @default false
   */
  readonly isSupervised?: boolean;
  /**
   * Writes error text at once (the worker process's prefixed, synchronous stderr).
   * @default a synchronous write to fd 2
   */
  readonly logError?: (text: string) => void;
}

/** Writes to stderr at once: a drain that follows may keep the event loop busy for long. */
function writeStderrNow(text: string): void {
  try {
    writeSync(2, text);
  } catch {
    process.stderr.write(text);
  }
}

/**
 * What a worker function receives: its name, config and buffers. Sources are Readers, sinks are
 * Writers, observes are Observers (for complex workers; templates cover the common shapes).
 */
export class BufferIO {
  readonly name: string;
  readonly processIndex: number;
  readonly config: Readonly<Record<string, unknown>>;
  readonly setupDir: string;
  /** Absolute path of the setup file ('' when the process was started without one). */
  readonly setupFile: string;
  readonly runDir: string;
  readonly sources: readonly Reader[];
  readonly sinks: readonly Writer[];
  readonly observes: readonly Observer[];
  /** Control returns what this process holds when it fails (see BufferIOOptions.isSupervised). */
  readonly isSupervised: boolean;
  readonly #onReady: (() => void) | undefined;
  readonly #waitForGo: (() => void) | undefined;
  readonly #logError: (text: string) => void;
  #isReady = false;
  #hasGo = false;
  #isDrainDeferred = false;
  readonly #runs: Promise<unknown>[] = [];
  readonly #displayDir: string | undefined;
  readonly #displays = new Map<string, DisplayPublisher>();

  constructor(options: BufferIOOptions) {
    this.name = options.name;
    this.processIndex = options.processIndex ?? 0;
    this.config = Object.freeze({ ...options.config });
    this.setupDir = options.setupDir ?? process.cwd();
    this.setupFile = options.setupFile ?? '';
    this.runDir = options.runDir ?? process.cwd();
    this.sources = Object.freeze((options.sources ?? []).map((buffer) => new Reader(buffer)));
    this.sinks = Object.freeze((options.sinks ?? []).map((buffer) => new Writer(buffer)));
    this.observes = Object.freeze((options.observes ?? []).map((buffer) => new Observer(buffer)));
    this.isSupervised = options.isSupervised === true;
    this.#onReady = options.onReady;
    this.#waitForGo = options.waitForGo;
    this.#logError = options.logError ?? writeStderrNow;
    this.#displayDir = options.displayDir;
  }

  /**
   * The config value of `key`; without a default, a missing key is an error that names the
   * worker and the key. The type of a literal default is widened: `get('verbose', false)` is a
   * boolean. Values are not checked against the type.
   */
  get<T = unknown>(key: string): T;
  get<T>(key: string, defaultValue: T): WidenLiteral<T>;
  get<T>(key: string, defaultValue?: T): T {
    if (Object.hasOwn(this.config, key)) return this.config[key] as T;
    if (arguments.length >= 2) return defaultValue as T;
    const known = Object.keys(this.config);
    throw new WorkerSetupError(
      `worker '${this.name}': config key '${key}' is required but missing; ` +
        (known.length > 0 ? `the config has: ${known.join(', ')}` : 'the config is empty'),
    );
  }

  /** Ends this process's writing to every sink; the last writer of a buffer ends its stream. */
  shutdownSinks(): void {
    for (const sink of this.sinks) sink.close();
  }

  /** Ends this process's reading of every source, handing back what it held. */
  closeSources(): void {
    for (const source of this.sources) source.close();
  }

  /**
   * A template stops reading before its sources ended (a `break` out of an Exporter loop): the
   * rest of each source is read and discarded, so that upstream never blocks. Under control that
   * happens once the worker function has returned: if it throws instead, control gets its events
   * back and hands them on.
   */
  leaveSources(): void {
    if (this.isSupervised) this.#isDrainDeferred = true;
    else this.#drainSources();
  }

  /** Reads the sources left early (leaveSources) to their end; the worker entry calls it at the end. */
  drainLeftSources(): void {
    if (!this.#isDrainDeferred) return;
    this.#isDrainDeferred = false;
    this.#drainSources();
  }

  #drainSources(): void {
    for (const source of this.sources) while (source.next() !== null);
  }

  /** Writes error text to this worker's log at once (used by the templates). */
  logError(text: string): void {
    this.#logError(text);
  }

  /**
   * A display of this process, shown as a tab of its own in control's TUI: call `publish()` with
   * a histogram, curves or text as often as you like; at most `maxRateHz` frames a second are
   * written (the newest wins), and it never waits for control. The same name gives the same display.
   */
  display(name: string, options?: DisplayPublisherOptions): DisplayPublisher {
    let display = this.#displays.get(name);
    if (display === undefined) {
      display = new DisplayPublisher(
        this.#displayDir,
        { worker: this.name, processIndex: this.processIndex, name },
        options,
        (message) => this.logError(`${message}\n`),
      );
      this.#displays.set(name, display);
    }
    return display;
  }

  /** Writes every display's last frame that waited for its rate (the worker entry does it at the end). */
  flushDisplays(): void {
    for (const display of this.#displays.values()) display.flush();
  }

  /** Called by a template once it has checked its buffers. */
  ready(): void {
    if (this.#isReady) return;
    this.#isReady = true;
    this.#onReady?.();
  }

  /** Called by a template before it produces its first event: waits until every worker is ready. */
  waitForGo(): void {
    this.ready();
    if (this.#hasGo) return;
    this.#hasGo = true;
    this.#waitForGo?.();
  }

  /**
   * Registers an asynchronous template run, so that the process keeps running until it is done
   * even when the worker function does not await it.
   */
  track<T>(run: Promise<T>): Promise<T> {
    this.#runs.push(run);
    return run;
  }

  /** Settles when every tracked run has; rejects with the first failure. */
  async whenRunsDone(): Promise<void> {
    for (let i = 0; i < this.#runs.length; i++) await this.#runs[i];
  }

  toString(): string {
    const names = (list: readonly { buffer: RingBuffer }[]) =>
      list.map((x) => x.buffer.name).join(', ') || '-';
    return `BufferIO(${this.name}#${this.processIndex}: sources ${names(this.sources)}; sinks ${names(this.sinks)}; observes ${names(this.observes)})`;
  }
}
