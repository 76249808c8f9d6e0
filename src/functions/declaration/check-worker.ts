import type { BufferLayout } from '../../buffer/index.js';
import type {
  PrebuiltChecker,
  PrebuiltWorker,
  PrebuiltWorkerKeys,
  WorkerFiles,
  WorkerReport,
} from '../../control/setup/index.js';
import { describeValue, editDistance } from '../../control/setup/problems.js';
import { describeLayoutMismatch } from '../../templates/setup-checks.js';
import { parseDtype } from '../../buffer/index.js';
import type { BufferRule, ConfigKeys, PrebuiltDeclaration, WorkerShape } from './declaration.js';
import { describeCount, fitsCount } from './buffer-rules.js';

const KINDS = ['sources', 'sinks', 'observes'] as const;

/** An unknown config key this close to a declared one that is not set is probably a typo of it. */
const TYPO_DISTANCE = 2;

/** Setup validation's view of a list of declarations. */
export function checkerFor(declarations: readonly PrebuiltDeclaration[]): PrebuiltChecker {
  const byName = new Map(declarations.map((d) => [d.name, d]));
  return {
    names: declarations.map((d) => d.name),
    check(worker, report) {
      const declaration = byName.get(worker.function);
      return declaration === undefined ? undefined : checkPrebuiltWorker(declaration, worker, report);
    },
    checkWithoutBuffers(worker, report) {
      const declaration = byName.get(worker.function);
      if (declaration !== undefined) checkOwnKeys(declaration, worker, report);
      return declaration !== undefined;
    },
  };
}

/**
 * Checks a prebuilt worker against its declaration: buffer counts and shapes, one process for a
 * function that writes files, every config key's presence, type and range, then (once the config
 * passed and the buffer counts fit) the function's own check. Returns the files it writes (for
 * the collision check) and reads, none when the config or the counts are wrong.
 */
export function checkPrebuiltWorker(
  declaration: PrebuiltDeclaration,
  worker: PrebuiltWorker,
  report: WorkerReport,
): WorkerFiles {
  const countsFit = checkBuffers(declaration, worker, report);
  const config = checkOwnKeys(declaration, worker, report);
  if (config === undefined || !countsFit) return { writes: [], reads: [] };
  const shape: WorkerShape = { ...worker, config };
  declaration.check?.(shape, report);
  return { writes: declaration.writes?.files(shape) ?? [], reads: declaration.reads?.(shape) ?? [] };
}

/**
 * What needs no buffer layout: one process for a function that writes files, and the config
 * keys. Returns the declared keys' values with defaults, or undefined after reporting a problem.
 */
function checkOwnKeys(
  declaration: PrebuiltDeclaration,
  worker: PrebuiltWorkerKeys,
  report: WorkerReport,
): Record<string, unknown> | undefined {
  if (declaration.writes !== undefined && worker.numberOfProcesses !== 1) {
    report.error(
      { entry: ['number_of_processes'] },
      `expected 1 (${declaration.name} writes ${declaration.writes.text}; several processes would ` +
        `write over each other), got ${worker.numberOfProcesses}`,
    );
  }
  const config = checkConfig(declaration.configs, worker.config, report);
  warnAboutTypos(declaration, worker.config, report);
  return config;
}

/** Reports every buffer that breaks its rule; returns whether the counts fit. */
function checkBuffers(
  declaration: PrebuiltDeclaration,
  worker: PrebuiltWorker,
  report: WorkerReport,
): boolean {
  let countsFit = true;
  for (const kind of KINDS) {
    const rule = declaration.buffers[kind];
    const given = worker[kind];
    if (!fitsCount(rule.count, given.length)) {
      const names = given.length > 0 ? ` (${given.map((b) => b.name).join(', ')})` : '';
      report.error(
        { entry: [kind] },
        `expected ${describeCount(rule.count, kind)} for ${declaration.name}, got ${given.length}${names}`,
      );
      countsFit = false;
      continue;
    }
    for (const [index, buffer] of given.entries()) {
      const problem = checkBufferRule(rule, buffer, worker.sources[0]);
      if (problem !== undefined) report.error({ entry: [kind, index] }, problem);
    }
  }
  return countsFit;
}

function checkBufferRule(
  rule: BufferRule,
  buffer: BufferLayout,
  source: BufferLayout | undefined,
): string | undefined {
  if (rule.dataLength !== undefined && buffer.dataLength !== rule.dataLength) {
    return `expected a buffer with data_length ${rule.dataLength}, got '${buffer.name}' with data_length ${buffer.dataLength}`;
  }
  if (rule.sameAsSource === true && source !== undefined) {
    const mismatch = describeLayoutMismatch(source, buffer);
    if (mismatch !== null) {
      return (
        `expected a buffer with the data_length and data_dtype of the source '${source.name}' ` +
        `(events pass on unchanged), got '${buffer.name}' with ${mismatch}`
      );
    }
  }
  if (rule.dtype !== undefined) {
    const wanted = Object.entries(rule.dtype);
    const same =
      wanted.length === buffer.fields.length &&
      wanted.every(([name, dtype], i) => {
        const parsed = parseDtype(dtype);
        const field = buffer.fields[i];
        return typeof parsed !== 'string' && field?.name === name && field.dtype.descr === parsed.descr;
      });
    if (!same) {
      const text = (fields: readonly (readonly [string, string])[]) =>
        `{${fields.map(([name, dtype]) => `${name}: ${dtype}`).join(', ')}}`;
      const got = buffer.fields.map((f) => [f.name, f.dtype.descr] as const);
      return `expected a buffer with data_dtype ${text(wanted)}, got '${buffer.name}' with ${text(got)}`;
    }
  }
  return undefined;
}

/** The declared keys' values with defaults, or undefined after reporting a problem. */
function checkConfig(
  keys: ConfigKeys,
  config: Readonly<Record<string, unknown>>,
  report: WorkerReport,
): Record<string, unknown> | undefined {
  const values: Record<string, unknown> = {};
  let isValid = true;
  for (const [name, key] of Object.entries(keys)) {
    const value = config[name];
    if (value === undefined || value === null) {
      if (key.required === true) {
        const got = value === null ? describeValue(null) : 'nothing (the key is missing; it is required)';
        report.error({ config: name }, `expected ${key.type.text}, got ${got}`);
        isValid = false;
      }
      values[name] = key.default;
      continue;
    }
    const problems = key.type.check(value);
    for (const problem of problems) report.error({ config: name, path: problem.path }, problem.message);
    if (problems.length > 0) isValid = false;
    values[name] = value;
  }
  return isValid ? values : undefined;
}

// Other functions' keys are common in a shared config file or base_config: only a key that is
// almost a declared key the worker does not set is worth a word.
function warnAboutTypos(
  declaration: PrebuiltDeclaration,
  config: Readonly<Record<string, unknown>>,
  report: WorkerReport,
): void {
  const unset = Object.keys(declaration.configs).filter((key) => config[key] === undefined);
  for (const key of Object.keys(config)) {
    if (Object.hasOwn(declaration.configs, key)) continue;
    const close = unset.find((known) => isTypo(key, known));
    if (close === undefined) continue;
    report.warn({ config: key }, `${declaration.name} does not use '${key}' (did you mean '${close}'?)`);
  }
}

// Within the distance, and not a whole replacement of a short word ('n' is no typo of 'ip').
function isTypo(key: string, known: string): boolean {
  const distance = editDistance(key.toLowerCase(), known.toLowerCase());
  return distance <= TYPO_DISTANCE && distance < Math.min(key.length, known.length);
}
