// Helpers of the .mimo tests: setups written into scratch directories, the pattern source's
// events checked with numpy (scripts/mimofile.py), recordings with chosen timestamps.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { stringify } from 'yaml';
import { computeLayout } from '../../../src/buffer/index.js';
import { MimoReader } from '../../../src/functions/data/mimo-reader.js';
import { MimoWriter } from '../../../src/functions/data/mimo-writer.js';
import { E2E_FIXTURES, REPO_ROOT, processesOfRun, type CliRun } from '../../helpers/cli.js';
import { pythonJson } from '../../helpers/python.js';

export const PATTERN_WORKERS = join(E2E_FIXTURES, 'mimo', 'workers.ts');
/** The pattern source's buffer: data_length 6 of wave f4, index i8, flag bool. */
export const PATTERN_BUFFER = {
  slot_count: 32,
  data_length: 6,
  data_dtype: { wave: 'f4', index: 'i8', flag: 'bool' },
} as const;

const scratchDirs: string[] = [];

/** Removes the scratch directories after each test of the calling file. */
export function useScratchDirs(): void {
  afterEach(() => {
    for (const dir of scratchDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
}

export function scratchDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mimocorb2-mimo-e2e-'));
  scratchDirs.push(dir);
  return dir;
}

/** Writes `setup` as YAML to `<dir>/<name>` and returns its path. */
export function writeSetup(dir: string, setup: unknown, name = 'setup.yaml'): string {
  const file = join(dir, name);
  writeFileSync(file, stringify(setup));
  return file;
}

/** What numpy reads from a .mimo file of the pattern source. */
export interface PatternReport {
  readonly header: Record<string, unknown>;
  readonly counters: number[];
  readonly timestamps: number[];
  readonly deadtimes: number[];
  /** Indices of events whose data is not the pattern of `pattern_index` (their counter, or their position). */
  readonly bad: number[];
}

const PATTERN_CHECK = `
import json, sys
import numpy as np
sys.path.insert(0, sys.argv[1])
import mimofile
header, metadata, data = mimofile.read(sys.argv[2])
by_position = sys.argv[3] == "position"
j = np.arange(header["data_length"])
bad = []
for k in range(len(metadata)):
    i = k if by_position else int(metadata["counter"][k])
    if not (np.array_equal(data["wave"][k], (i + j / 8).astype(np.float32))
            and np.array_equal(data["index"][k], i * 1000 + j)
            and np.array_equal(data["flag"][k], (i + j) % 2 == 1)):
        bad.append(k)
print(json.dumps({"header": header, "counters": metadata["counter"].tolist(), "bad": bad[:5],
                  "timestamps": metadata["timestamp"].tolist(), "deadtimes": metadata["deadtime"].tolist()}))
`;

/** Reads a file of pattern events with numpy; each event's pattern index is its counter or its position. */
export function readPattern(
  file: string,
  patternIndex: 'counter' | 'position' = 'counter',
): Promise<PatternReport> {
  return pythonJson<PatternReport>(PATTERN_CHECK, join(REPO_ROOT, 'scripts'), file, patternIndex);
}

/** Writes a .mimo file of pattern events 0..n-1 with the given timestamps (seconds). */
export function writePatternRecording(file: string, timestamps: readonly number[]): void {
  const layout = computeLayout({
    name: 'raw',
    slotCount: 1,
    dataLength: PATTERN_BUFFER.data_length,
    fields: PATTERN_BUFFER.data_dtype,
  });
  const writer = MimoWriter.open(file, layout, {
    setupFile: '/lab/setup.yaml',
    startTime: timestamps[0] ?? 0,
  });
  const bytes = new Uint8Array(layout.slotSize);
  const view = new DataView(bytes.buffer);
  const offset = (name: string): number => layout.fields.find((f) => f.name === name)?.offset ?? NaN;
  timestamps.forEach((timestamp, i) => {
    view.setBigInt64(0, BigInt(i), true);
    view.setFloat64(8, timestamp, true);
    view.setFloat64(16, 0.25, true);
    for (let j = 0; j < layout.dataLength; j++) {
      view.setFloat32(offset('wave') + 4 * j, i + j / 8, true);
      view.setBigInt64(offset('index') + 8 * j, BigInt(i * 1000 + j), true);
      bytes[offset('flag') + j] = (i + j) % 2;
    }
    writer.write(bytes);
  });
  writer.close();
}

/** The recorded timestamps of a .mimo file. */
export function timestampsOf(file: string): number[] {
  const reader = MimoReader.open(file);
  const timestamps = Array.from({ length: reader.recordCount }, (_, k) => reader.timestampOf(k));
  reader.close();
  return timestamps;
}

/** Differences between neighbours. */
export function gaps(values: readonly number[]): number[] {
  return values.slice(1).map((value, k) => value - (values[k] as number));
}

/** The pid of the run's process whose command line names `label` (e.g. `save[0]`). */
export function pidOf(run: CliRun, label: string): number | undefined {
  return processesOfRun(run).find((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(label);
    } catch {
      return false;
    }
  });
}
