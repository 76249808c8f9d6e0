// examples/mimo_files as its README says: write_setup.yaml records waveforms into recordings/,
// read_setup.yaml replays the newest through recordings/latest into the muon analysis.
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MimoReader } from '../../../src/functions/data/mimo-reader.js';
import {
  expectExit,
  expectNothingLeft,
  REPO_ROOT,
  startCli,
  useCliRuns,
  waitForRunDir,
} from '../../helpers/cli.js';
import { useProcessCleanup } from '../../helpers/processes.js';
import { bufferOf, parseSummary } from '../run-output.js';
import { PYTHON } from '../../helpers/python.js';
import { readCsvRows, readmePython, runReadmePython } from './example-files.js';

useProcessCleanup();
useCliRuns();

const RECORDED = 400;
const RUN_DEADLINE_MS = 120_000;

// The examples are copied into a checkout-like directory (examples/, scripts/), so that the runs'
// recordings/ and target/ are not made in the checkout and the README's Python finds them.
const checkout = mkdtempSync(join(tmpdir(), 'mimocorb2-mimo-files-'));
const scratch = join(checkout, 'examples');
afterAll(() => rmSync(checkout, { recursive: true, force: true }));
for (const example of ['muon', 'mimo_files']) {
  cpSync(join(REPO_ROOT, 'examples', example), join(scratch, example), {
    recursive: true,
    filter: (source) => !/\/(target|recordings)$/.test(source),
  });
}
symlinkSync(join(REPO_ROOT, 'scripts'), join(checkout, 'scripts'));

/** Fingerprints of each record's chA samples in a .mimo file, with its counter. */
function recordsOf(file: string): { counter: number; chA: string }[] {
  const reader = MimoReader.open(file);
  const bytes = new Uint8Array(reader.layout.slotSize);
  const view = new DataView(bytes.buffer);
  const chA = reader.layout.fields.find((field) => field.name === 'chA');
  if (chA === undefined) throw new Error(`${file} has no chA`);
  const records = Array.from({ length: reader.recordCount }, (_, k) => {
    reader.copyRecord(k, bytes);
    const samples = bytes.subarray(chA.offset, chA.offset + chA.byteLength);
    return {
      counter: Number(view.getBigInt64(0, true)),
      chA: createHash('sha1').update(samples).digest('hex'),
    };
  });
  reader.close();
  return records;
}

describe('examples/mimo_files', () => {
  it('records waveforms, then replays the newest recording into the muon analysis', async () => {
    const write = startCli([
      'run',
      join(scratch, 'mimo_files', 'write_setup.yaml'),
      '--ui',
      'none',
      '--set',
      `input.eventcount=${RECORDED}`,
      '--set',
      'input.prb2ndPulse=0.5',
      '--set',
      'input.seed=5',
    ]);
    const recordingDir = await waitForRunDir(write);
    const written = parseSummary((await expectExit(write, 0, RUN_DEADLINE_MS)).stdout);
    expect(bufferOf(written, 'waveform_buffer').events).toBe(RECORDED);
    expect(recordingDir.startsWith(join(scratch, 'mimo_files', 'recordings', 'run_'))).toBe(true);
    expect(readlinkSync(join(scratch, 'mimo_files', 'recordings', 'latest'))).toBe(
      recordingDir.split('/').at(-1),
    );
    const recorded = recordsOf(join(recordingDir, 'waveform_buffer.mimo'));
    expect(recorded).toHaveLength(RECORDED);
    expectNothingLeft(write);

    const read = startCli([
      'run',
      join(scratch, 'mimo_files', 'read_setup.yaml'),
      '--ui',
      'none',
      '--set',
      'input.rate=20000',
    ]);
    const replayDir = await waitForRunDir(read);
    const replayed = parseSummary((await expectExit(read, 0, RUN_DEADLINE_MS)).stdout);
    for (const [worker, state] of replayed.workers) expect(state, worker).toMatch(/^(all \d+: )?ok$/);
    expect(replayDir.startsWith(join(scratch, 'mimo_files', 'target', 'run_'))).toBe(true);
    expect(bufferOf(replayed, 'InputBuffer').events).toBe(RECORDED);
    const up = readCsvRows(join(replayDir, 'PulseParametersUp_Export.csv'));
    const down = readCsvRows(join(replayDir, 'PulseParametersDown_Export.csv'));
    expect(up.length).toBe(bufferOf(replayed, 'PulseParametersUp').events);
    expect(down.length).toBe(bufferOf(replayed, 'PulseParametersDown').events);
    expect(up.length + down.length).toBeGreaterThan(RECORDED / 4);

    // Every accepted trace is a recorded one, unchanged, and the replay numbered the events in
    // the recording's order.
    const byTrace = new Map(recorded.map((record, index) => [record.chA, index]));
    const accepted = recordsOf(join(replayDir, 'AcceptedPulses.mimo'));
    expect(accepted).toHaveLength(up.length + down.length);
    const shifts = new Set(
      accepted.map((record) => {
        const index = byTrace.get(record.chA);
        expect(index, `accepted event ${record.counter} is a recorded trace`).toBeDefined();
        return record.counter - (index as number);
      }),
    );
    expect(shifts.size).toBe(1);
    // The replay's run did not move recordings/latest.
    expect(readlinkSync(join(scratch, 'mimo_files', 'recordings', 'latest'))).toBe(
      recordingDir.split('/').at(-1),
    );
    expectNothingLeft(read);

    if (PYTHON !== undefined) {
      const printed = await runReadmePython(readmePython('mimo_files'), checkout);
      expect(printed).toContain(
        `waveform_buffer {'chA': '<f4', 'chB': '<f4', 'chC': '<f4', 'chD': '<f4'} ${RECORDED} events`,
      );
      expect(printed).toContain(`${up.length} decays up in the replay`);
    }
  });
});
