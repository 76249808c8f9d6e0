// What the CLI prints to a terminal: warnings and errors break at spaces (at 120 columns and
// narrower), so the terminal never cuts a word; without a terminal each stays one line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/cli.js';
import { hasTmux, TmuxSession } from './tui/tmux.js';

// Three long warnings: a buffer no worker reads, a buffer no worker writes, an unknown option.
const SETUP = `Buffers:
  raw_oscilloscope_traces: {slot_count: 8, data_length: 4, data_dtype: {ch1: f4}}
  calibration_constants: {slot_count: 8, data_length: 4, data_dtype: {ch1: f4}}
Workers:
  simulated_source: {file: workers.mjs, function: source, sinks: [raw_oscilloscope_traces]}
  calibrated_reader: {file: workers.mjs, function: source, sources: [calibration_constants]}
Options: {debug_level: 3}
`;
const WORKERS = 'export function source() {}\n';

let dir: string;
let tmux: TmuxSession;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mimocorb2-terminal-'));
  writeFileSync(join(dir, 'setup.yaml'), SETUP);
  writeFileSync(join(dir, 'workers.mjs'), WORKERS);
  tmux = new TmuxSession(`mimocorb2-terminal-${process.pid}`);
});
afterEach(() => {
  tmux.kill();
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!hasTmux)('warnings in a terminal', () => {
  it.each([120, 80])('break at spaces at %i columns', async (columns) => {
    const piped = spawnSync(join(REPO_ROOT, 'bin', 'mimocorb2'), ['validate', 'setup.yaml'], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(piped.status).toBe(0);
    const warnings = piped.stderr.trimEnd().split('\n');
    expect(warnings).toHaveLength(3);
    expect(warnings.every((line) => line.startsWith('warning: ') && line.length > columns)).toBe(true);

    const exitFile = join(dir, 'exit');
    tmux.start({
      columns,
      rows: 40,
      cwd: dir,
      command: `${join(REPO_ROOT, 'bin', 'mimocorb2')} validate setup.yaml; echo EXIT=$? > ${exitFile}; sleep 60`,
    });
    await tmux.waitFor('validate to end', () => existsSync(exitFile) && readFileSync(exitFile, 'utf8'));
    const rows = tmux.screen().trimEnd().split('\n');
    expect(rows.every((row) => row.length <= columns)).toBe(true);
    // Each warning's rows, joined at the spaces they were broken at, give the warning whole.
    const shown: string[] = [];
    for (const row of rows) {
      if (row.startsWith('warning: ')) shown.push(row);
      else if (row.startsWith('  ') && shown.length > 0) shown.push(`${shown.pop() ?? ''} ${row.trim()}`);
    }
    expect(shown).toEqual(warnings);
  });
});
