import type { KeyOrigin } from './config.js';
import { parseYaml, type YamlSource } from './load.js';
import { isMapping, suggest, type ProblemCollector } from './problems.js';

/** A `--set <worker>.<key>=<value>` of the command line, split at its first `=`. */
export interface ConfigOverride {
  /** As written on the command line, after `--set`. */
  readonly text: string;
  /** `<worker>.<key>`: the worker's name may hold dots too; the longest declared name wins. */
  readonly target: string;
  /** The value as YAML text. */
  readonly valueText: string;
}

/** The config values the command line sets for one worker, and where each was written. */
export interface WorkerOverrides {
  readonly values: Readonly<Record<string, unknown>>;
  readonly origins: ReadonlyMap<string, KeyOrigin>;
}

const SHAPE = '<worker>.<key>=<value>';

/** Splits `<worker>.<key>=<value>`; throws a TypeError that says what is wrong with a malformed one. */
export function parseConfigOverride(text: string): ConfigOverride {
  const equals = text.indexOf('=');
  const target = equals < 0 ? text : text.slice(0, equals);
  const dot = target.indexOf('.');
  if (equals < 0 || dot <= 0 || dot === target.length - 1) {
    const what = equals < 0 ? 'no =' : dot < 0 ? 'no . between worker and key' : 'an empty worker or key';
    throw new TypeError(`--set expects ${SHAPE} (the value in YAML), got '${text}' (${what})`);
  }
  return { text, target, valueText: text.slice(equals + 1) };
}

/**
 * The overrides by worker: each value parsed as YAML and placed on its worker (the longest
 * worker name in `workerNames` that `target` starts with, then a dot); an unknown worker or a
 * value that is not YAML is recorded as a problem of the command line. Later ones win.
 */
export function resolveConfigOverrides(
  overrides: readonly ConfigOverride[],
  workerNames: readonly string[],
  collector: ProblemCollector,
): Map<string, WorkerOverrides> {
  const byWorker = new Map<string, { values: Record<string, unknown>; origins: Map<string, KeyOrigin> }>();
  for (const override of overrides) {
    const file = `--set ${override.text}`;
    const worker = workerNames
      .filter((name) => override.target.startsWith(`${name}.`) && override.target.length > name.length + 1)
      .reduce<string | undefined>(
        (longest, name) => (name.length > (longest?.length ?? -1) ? name : longest),
        undefined,
      );
    if (worker === undefined) {
      const written = override.target.slice(0, override.target.indexOf('.'));
      const known =
        workerNames.length > 0 ? `the workers are ${workerNames.join(', ')}` : 'the setup has no workers';
      collector.error(file, [], `no worker named '${written}'${suggest(written, workerNames)}; ${known}`);
      continue;
    }
    const key = override.target.slice(worker.length + 1);
    const parsed = parseYaml(override.valueText, file);
    if (parsed.kind !== 'ok') {
      collector.add(
        parsed.kind === 'invalid' ? parsed.problems.map(({ line: _l, column: _c, ...rest }) => rest) : [],
      );
      continue;
    }
    // Positions inside the value text would only mislead: a problem names the --set itself.
    const source: YamlSource = { ...parsed.source, locate: () => undefined };
    const entry = byWorker.get(worker) ?? { values: {}, origins: new Map<string, KeyOrigin>() };
    entry.values[key] = source.value;
    entry.origins.set(key, { source, keyPath: [] });
    byWorker.set(worker, entry);
  }
  return byWorker;
}

/** The names in the setup's Workers section, also of entries that have problems. */
export function declaredWorkerNames(setup: unknown): string[] {
  const workers = isMapping(setup) ? setup['Workers'] : undefined;
  return isMapping(workers) ? Object.keys(workers) : [];
}

/**
 * A key the command line sets for a worker of a file that the setup does not give it, but one
 * close to it, is probably misspelt: warn. (Prebuilt workers are checked against their
 * declarations instead.)
 */
export function warnAboutMisspeltOverrides(
  overrides: ReadonlyMap<string, WorkerOverrides>,
  setupConfigs: ReadonlyMap<string, Readonly<Record<string, unknown>>>,
  collector: ProblemCollector,
): void {
  for (const [worker, { origins }] of overrides) {
    const config = setupConfigs.get(worker);
    if (config === undefined) continue;
    for (const [key, origin] of origins) {
      const close = suggest(key, Object.keys(config));
      if (Object.hasOwn(config, key) || close === '') continue;
      collector.warn(origin.source, [], `worker '${worker}' has no config key '${key}' in the setup${close}`);
    }
  }
}
