import { displayPath, getPathProblem, resolveSetupPath } from './paths.js';
import { readYamlFile, type KeyPath, type YamlFileResult, type YamlSource } from './load.js';
import { describeValue, formatKeyPath, isMapping, type ProblemCollector } from './problems.js';

type Config = Record<string, unknown>;

/** Where a merged config key was written: the YAML file and the key path in it. */
export interface KeyOrigin {
  readonly source: YamlSource;
  readonly keyPath: KeyPath;
}

/** Loads the config forms of one setup (dict, file, list of both), reading each config file once. */
export class ConfigLoader {
  readonly #setup: YamlSource;
  readonly #setupDir: string;
  readonly #collector: ProblemCollector;
  readonly #files = new Map<string, YamlFileResult>();

  constructor(setup: YamlSource, setupDir: string, collector: ProblemCollector) {
    this.#setup = setup;
    this.#setupDir = setupDir;
    this.#collector = collector;
  }

  /**
   * The config that `value` (at `keyPath` of the setup) describes, merged shallowly in order;
   * undefined when a problem was recorded.
   */
  load(value: unknown, keyPath: KeyPath): Config | undefined {
    if (value === undefined || value === null) return {};
    if (isMapping(value)) return { ...value };
    if (typeof value === 'string') return this.#loadFile(value, keyPath);
    if (!Array.isArray(value)) {
      this.#collector.error(
        this.#setup,
        keyPath,
        `expected a mapping of config keys, a config file path, or a list of those; got ${describeValue(value)}`,
      );
      return undefined;
    }
    let merged: Config | undefined = {};
    for (const [index, item] of value.entries()) {
      let part: Config | undefined;
      if (isMapping(item)) part = { ...item };
      else if (typeof item === 'string') part = this.#loadFile(item, [...keyPath, index]);
      else {
        this.#collector.error(
          this.#setup,
          [...keyPath, index],
          `expected a config file path or a mapping of config keys, got ${describeValue(item)}`,
        );
      }
      merged = part === undefined || merged === undefined ? undefined : { ...merged, ...part };
    }
    return merged;
  }

  /**
   * Where each key of the config that `value` (at `keyPath` of the setup) describes was written;
   * later forms win as in `load`. Call it after `load`, which reported any problem.
   */
  origins(value: unknown, keyPath: KeyPath): Map<string, KeyOrigin> {
    const origins = new Map<string, KeyOrigin>();
    const add = (form: unknown, formPath: KeyPath): void => {
      if (isMapping(form)) {
        for (const key of Object.keys(form)) {
          origins.set(key, { source: this.#setup, keyPath: [...formPath, key] });
        }
        return;
      }
      if (typeof form !== 'string' || getPathProblem(form) !== undefined) return;
      const file = this.#files.get(resolveSetupPath(form, this.#setupDir));
      if (file?.kind !== 'ok' || !isMapping(file.source.value)) return;
      for (const key of Object.keys(file.source.value))
        origins.set(key, { source: file.source, keyPath: [key] });
    };
    if (Array.isArray(value)) for (const [index, item] of value.entries()) add(item, [...keyPath, index]);
    else add(value, keyPath);
    return origins;
  }

  #loadFile(written: string, keyPath: KeyPath): Config | undefined {
    const pathProblem = getPathProblem(written);
    if (pathProblem !== undefined) {
      this.#collector.error(this.#setup, keyPath, `config file: ${pathProblem}`);
      return undefined;
    }
    const absolute = resolveSetupPath(written, this.#setupDir);
    const loadedBefore = this.#files.get(absolute);
    const result = loadedBefore ?? readYamlFile(absolute, displayPath(written, this.#setup.file));
    this.#files.set(absolute, result);
    const loadedBy = `(loaded by ${formatKeyPath(keyPath)} of ${this.#setup.file})`;
    if (result.kind === 'unreadable') {
      this.#collector.error(
        this.#setup,
        keyPath,
        `cannot read config file '${written}' (${absolute}): ${result.reason}`,
      );
      return undefined;
    }
    // A broken or empty file is reported once, at its first use.
    if (result.kind === 'invalid') {
      if (!loadedBefore) {
        this.#collector.add(result.problems.map((p) => ({ ...p, message: `${p.message} ${loadedBy}` })));
      }
      return undefined;
    }
    const { source } = result;
    if (source.value === null) {
      if (!loadedBefore) this.#collector.warn(source, [], `empty config file, used as {} ${loadedBy}`);
      return {};
    }
    if (!isMapping(source.value)) {
      if (!loadedBefore) {
        this.#collector.error(
          source,
          [],
          `expected a mapping of config keys at the top of a config file, got ${describeValue(source.value)} ${loadedBy}`,
        );
      }
      return undefined;
    }
    return { ...source.value };
  }
}
