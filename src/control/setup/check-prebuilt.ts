import { computeLayout, type BufferLayout } from '../../buffer/index.js';
import { BufferConfigError } from '../../errors.js';
import { CONTROL_FILES } from '../run/run-directory.js';
import type { KeyOrigin } from './config.js';
import type { SetupContext } from './context.js';
import { isMapping, suggest } from './problems.js';
import type {
  PrebuiltChecker,
  ReadFile,
  ResolvedBuffer,
  ResolvedWorker,
  WorkerPlace,
  WorkerReport,
  WrittenFile,
} from './types.js';

interface Claim {
  readonly worker: string;
  readonly file: WrittenFile;
  readonly report: WorkerReport;
}

interface Need {
  readonly file: ReadFile;
  readonly report: WorkerReport;
}

/**
 * Checks every prebuilt worker against the registry (buffers, config keys, one process for a
 * writer of files), each problem placed in the YAML file its key came from, and that no two
 * workers, and no worker and control, write the same file of the run directory, and warns of a
 * worker that shows a file no worker writes. Returns the files each worker writes.
 */
export function checkPrebuiltWorkers(
  ctx: SetupContext,
  workers: readonly ResolvedWorker[],
  buffers: readonly ResolvedBuffer[],
  checker: PrebuiltChecker,
): Map<string, readonly WrittenFile[]> {
  const layouts = layoutsOf(buffers);
  const claims: Claim[] = [];
  const needs: Need[] = [];
  for (const worker of workers) {
    if (worker.file !== undefined) continue;
    const report = workerReport(ctx, worker.name, configOrigins(ctx, worker.name));
    const shapes = (names: readonly string[]) => names.map((name) => layouts.get(name));
    const [sources, sinks, observes] = [
      shapes(worker.sources),
      shapes(worker.sinks),
      shapes(worker.observes),
    ];
    if (!isComplete(sources) || !isComplete(sinks) || !isComplete(observes)) {
      if (!checker.checkWithoutBuffers(worker, report)) reportUnknown(ctx, worker, checker);
      continue;
    }
    const files = checker.check({ ...worker, sources, sinks, observes, setupDir: ctx.setupDir }, report);
    if (files === undefined) {
      reportUnknown(ctx, worker, checker);
      continue;
    }
    for (const file of files.writes) claims.push({ worker: worker.name, file, report });
    for (const file of files.reads) needs.push({ file, report });
  }
  checkCollisions(claims);
  warnOfUnwrittenReads(needs, claims);
  const byWorker = new Map<string, WrittenFile[]>();
  for (const claim of claims) byWorker.set(claim.worker, [...(byWorker.get(claim.worker) ?? []), claim.file]);
  return byWorker;
}

function reportUnknown(ctx: SetupContext, worker: ResolvedWorker, checker: PrebuiltChecker): void {
  ctx.collector.error(
    ctx.source,
    ['Workers', worker.name, 'function'],
    `unknown prebuilt function '${worker.function}'${suggest(worker.function, checker.names)}; ` +
      "`mimocorb2 functions` lists them, or name your own .ts, .js or .mjs file with the key 'file'",
  );
}

// A buffer whose size cannot work has been reported already; its workers are checked without it.
function layoutsOf(buffers: readonly ResolvedBuffer[]): Map<string, BufferLayout> {
  const layouts = new Map<string, BufferLayout>();
  for (const buffer of buffers) {
    try {
      layouts.set(buffer.name, computeLayout(buffer));
    } catch (error) {
      if (!(error instanceof BufferConfigError)) throw error;
    }
  }
  return layouts;
}

function isComplete(list: readonly (BufferLayout | undefined)[]): list is BufferLayout[] {
  return list.every((layout) => layout !== undefined);
}

/** Where each key of a worker's merged config was written: base_config, its own config, the command line. */
function configOrigins(ctx: SetupContext, worker: string): Map<string, KeyOrigin> {
  const top = isMapping(ctx.source.value) ? ctx.source.value : {};
  const section = isMapping(top['Workers']) ? top['Workers'] : {};
  const entry = isMapping(section[worker]) ? section[worker] : {};
  return new Map([
    ...ctx.configs.origins(top['base_config'], ['base_config']),
    ...ctx.configs.origins(entry['config'], ['Workers', worker, 'config']),
    ...(ctx.overrides.get(worker)?.origins ?? []),
  ]);
}

function workerReport(ctx: SetupContext, worker: string, origins: Map<string, KeyOrigin>): WorkerReport {
  const record = (kind: 'error' | 'warn', place: WorkerPlace, message: string): void => {
    if ('entry' in place) {
      ctx.collector[kind](ctx.source, ['Workers', worker, ...place.entry], message);
      return;
    }
    const inside = place.path ?? [];
    const shown = ['Workers', worker, 'config', place.config, ...inside];
    const origin = origins.get(place.config);
    // A typo warning points at the key; a problem with a value at the value.
    const atKey = kind === 'warn' && inside.length === 0;
    if (origin === undefined) ctx.collector[kind](ctx.source, shown, message, atKey);
    else ctx.collector[kind](origin.source, [...origin.keyPath, ...inside], message, atKey, shown);
  };
  return {
    error: (place, message) => record('error', place, message),
    warn: (place, message) => record('warn', place, message),
  };
}

function overlaps(a: string, b: string): boolean {
  return a === b || (a.endsWith('/') && b.startsWith(a)) || (b.endsWith('/') && a.startsWith(b));
}

function checkCollisions(claims: readonly Claim[]): void {
  const own = CONTROL_FILES.join(', ');
  for (const [index, claim] of claims.entries()) {
    const { path } = claim.file;
    if (CONTROL_FILES.some((file) => overlaps(file, path))) {
      claim.report.error(
        claim.file.namedBy,
        `expected a name that does not clash with control's own files (${own}), got ${path} in the run directory`,
      );
      continue;
    }
    const earlier = claims.slice(0, index).find((other) => overlaps(other.file.path, path));
    if (earlier !== undefined) {
      claim.report.error(
        claim.file.namedBy,
        `expected a file that no other worker writes, got ${path}, which worker '${earlier.worker}' writes too`,
      );
    }
  }
}

// A rotated file is written under numbered names only, so its plain name never appears.
function warnOfUnwrittenReads(needs: readonly Need[], claims: readonly Claim[]): void {
  for (const { file, report } of needs) {
    const writer = claims.find((claim) => claim.file.path === file.path);
    if (writer !== undefined && writer.file.numbered !== true) continue;
    const why =
      writer === undefined
        ? `no worker of this setup writes it; add ${file.writer}, or the display stays empty`
        : `worker '${writer.worker}' rotates it into numbered files, which the display does not read; it stays empty`;
    report.warn(file.namedBy, `shows ${file.path} of the run directory, but ${why}`);
  }
}
