// Files and long runs: a worker whose file goes away (its directory removed, or the disk full)
// fails cleanly, naming the errno, while the rest of the chain drains and control carries on;
// worker logs rotate by size without losing a line.
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  E2E_FIXTURES,
  expectExit,
  expectNothingLeft,
  startCli,
  startRun,
  useCliRuns,
  waitForRunDir,
  type CliRun,
} from '../helpers/cli.js';
import { MimoReader } from '../../src/functions/data/mimo-reader.js';
import { useProcessCleanup, waitFor } from '../helpers/processes.js';
import { bufferOf, compareCounters, EXACTLY_ONCE, parseSummary, readReceived } from './run-output.js';

useProcessCleanup();
useCliRuns();

const scratch = mkdtempSync(join(tmpdir(), 'mimocorb2-files-'));
const small = join(scratch, 'small');
/** A 256 KiB tmpfs to fill, where this user may mount one (root); otherwise that case is skipped. */
const hasSmallDisk = (() => {
  try {
    mkdirSync(small);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', small], { stdio: 'ignore' });
    return true;
  } catch {
    console.log('note: cannot mount a small tmpfs here (not root?): the full-disk case is skipped');
    return false;
  }
})();
afterAll(() => {
  if (hasSmallDisk) execFileSync('umount', [small]);
  rmSync(scratch, { recursive: true, force: true });
});

/**
 * file-writer.yaml with the keeper writing what it got into `keptDir`; `prebuilt`: the writer is
 * that prebuilt exporter instead of the worker file's append_lines.
 */
function writerSetup(name: string, keptDir: string, prebuilt?: string): string {
  const file = join(scratch, `${name}.yaml`);
  let text = readFileSync(join(E2E_FIXTURES, 'file-writer.yaml'), 'utf8');
  if (prebuilt !== undefined) {
    // exporters.csv saves at every event, so that the disk fills within the run.
    const config = prebuilt === 'exporters.csv' ? '    config: { save_interval: 0 }\n' : '';
    text = text.replace(
      '    file: workers.ts\n    function: append_lines\n',
      `    function: ${prebuilt}\n${config}`,
    );
  }
  text = text
    .replaceAll('file: workers.ts', `file: ${join(E2E_FIXTURES, 'workers.ts')}`)
    .replace('    sources: [kept]', `    sources: [kept]\n    config: { received_dir: ${keptDir} }`);
  writeFileSync(file, text);
  mkdirSync(keptDir, { recursive: true });
  return file;
}

/** Waits until the writer has written some lines into `file`. */
async function waitForLines(file: string): Promise<void> {
  const lines = () => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').length : 0);
  await waitFor(() => lines() > 100, `lines in ${file}`, 30_000, lines);
}

/** The writer failed for `reason` (a RegExp source); the keeper got every event; the rest is undeliverable. */
function expectWriterFailedAndRestDrained(
  run: CliRun,
  result: { stdout: string[]; stderr: string },
  keptDir: string,
  reason: string,
): void {
  expect(result.stderr).toMatch(
    new RegExp(`^worker 'writer' process 0 \\(pid \\d+\\) exited with code 1: ${reason}`, 'm'),
  );
  expect(result.stderr).toMatch(/^buffer 'to_file' has no reader left \('writer' ended\)/m);
  const summary = parseSummary(result.stdout);
  for (const worker of ['source', 'copy', 'keeper']) expect(summary.workers.get(worker), worker).toBe('ok');
  const raw = bufferOf(summary, 'raw');
  expect(bufferOf(summary, 'kept').events).toBe(raw.events);
  expect(bufferOf(summary, 'to_file').undeliverable).toBeGreaterThan(0);
  expect(compareCounters(readReceived(keptDir, 'keeper').counters, raw.events)).toEqual(EXACTLY_ONCE);
  expectNothingLeft(run);
}

describe('mimocorb2 run: files that go away', () => {
  it('the run directory removed: the writing worker fails with ENOENT, the rest drains, exit 1', async () => {
    const keptDir = join(scratch, 'kept-removed');
    const run = startRun(writerSetup('removed', keptDir));
    const runDir = await waitForRunDir(run);
    await waitForLines(join(runDir, 'events.txt'));
    // Gone from its path at once (a recursive removal races with the files the run keeps making:
    // ENOTEMPTY); what the run still writes through open files goes with it afterwards.
    const gone = `${run.targetDir}-gone`;
    renameSync(run.targetDir, gone);
    const result = await expectExit(run, 1, 30_000);
    rmSync(gone, { recursive: true, force: true });
    expect(result.stderr).toContain(
      `ENOENT: no such file or directory, open '${join(runDir, 'events.txt')}'`,
    );
    expect(result.stderr).toMatch(
      /^stats\.csv could not be written \(.*\(ENOENT\)\); its rows are skipped$/m,
    );
    expectWriterFailedAndRestDrained(run, result, keptDir, 'ENOENT: ');
  });

  it.skipIf(!hasSmallDisk)(
    'the disk full: the writing worker fails with ENOSPC, the rest drains, exit 1',
    async () => {
      const keptDir = join(scratch, 'kept-full');
      const run = startCli(['run', writerSetup('full', keptDir), '--ui', 'none', '--target-dir', small]);
      const runDir = await waitForRunDir(run);
      const result = await expectExit(run, 1, 60_000);
      expectWriterFailedAndRestDrained(run, result, keptDir, 'ENOSPC: ');
      rmSync(runDir, { recursive: true });
    },
  );

  it.skipIf(!hasSmallDisk)(
    'the disk full under exporters.csv: it fails naming the file and ENOSPC, the file ends with a whole row',
    async () => {
      const keptDir = join(scratch, 'kept-full-csv');
      const run = startCli([
        'run',
        writerSetup('full-csv', keptDir, 'exporters.csv'),
        '--ui',
        'none',
        '--target-dir',
        small,
      ]);
      const runDir = await waitForRunDir(run);
      const result = await expectExit(run, 1, 60_000);
      const file = join(runDir, 'to_file.csv');
      const size = statSync(file).size;
      expectWriterFailedAndRestDrained(
        run,
        result,
        keptDir,
        `cannot write ${file}: ENOSPC \\(no space left on device\\); the file ends with its last whole row \\(${size} bytes\\)$`,
      );
      const text = readFileSync(file, 'utf8');
      expect(text.endsWith('\n')).toBe(true);
      const values = text
        .trim()
        .split('\n')
        .slice(1)
        .map((row) => Number(row.split(',').at(-1)));
      expect(values.length).toBeGreaterThan(100);
      expect(values).toEqual(values.map((_, i) => (values[0] as number) + i));
      rmSync(runDir, { recursive: true });
    },
  );

  it.skipIf(!hasSmallDisk)(
    'the disk full under data.export: it fails naming the file and ENOSPC, the file ends with a whole record',
    async () => {
      const keptDir = join(scratch, 'kept-full-mimo');
      const run = startCli([
        'run',
        writerSetup('full-mimo', keptDir, 'data.export'),
        '--ui',
        'none',
        '--target-dir',
        small,
      ]);
      const runDir = await waitForRunDir(run);
      const result = await expectExit(run, 1, 60_000);
      const file = join(runDir, 'to_file.mimo');
      const size = statSync(file).size;
      expectWriterFailedAndRestDrained(
        run,
        result,
        keptDir,
        `worker 'writer': the Exporter function threw on the event with counter \\d+: ` +
          `cannot write ${file}: ENOSPC \\(no space left on device\\); the file ends with its last whole record \\(${size} bytes\\)$`,
      );
      const reader = MimoReader.open(file);
      expect(reader.recordCount).toBeGreaterThan(100);
      expect(reader.header.records_offset + reader.recordCount * reader.header.record_size).toBe(size);
      reader.close();
      rmSync(runDir, { recursive: true });
    },
  );
});

/** Runs `setup` (a chatter of 5000 lines) with logs rotated past 0.05 MiB; checks no line is lost. */
async function expectRotatedLogs(setup: string): Promise<void> {
  const run = startRun(join(E2E_FIXTURES, setup), ['--ui', 'none', '--log-max-mb', '0.05']);
  const runDir = await waitForRunDir(run);
  const { stderr } = await expectExit(run, 0, 60_000);
  const rotations = stderr
    .split('\n')
    .filter((line) => /chatter\.log rotated: it is chatter\.log\.1 now/.test(line));
  // Rotated once a second while it prints: how often depends on the machine's speed; more than
  // once, so the process wrote on into the new file.
  expect(rotations.length, stderr).toBeGreaterThanOrEqual(2);
  const logs = join(runDir, 'logs');
  const files = readdirSync(logs).sort().reverse();
  const expected = ['chatter.log', 'chatter.log.1', 'chatter.log.2', 'chatter.log.3', 'chatter.log.4'];
  expect(files.length, files.join(', ')).toBeGreaterThanOrEqual(3);
  expect(files).toEqual(expected.slice(0, files.length).reverse());
  // Oldest first: the lines kept are one unbroken run that ends with the last line, and starts
  // with the first unless the oldest file was dropped.
  const numbers = files.flatMap((file) =>
    readFileSync(join(logs, file), 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => Number(/^\[0\] line (\d+) /.exec(line)?.[1])),
  );
  const first = files.length < expected.length ? 0 : (numbers[0] as number);
  expect(numbers).toEqual(Array.from({ length: 5000 - first }, (_, i) => first + i));
}

describe('mimocorb2 run: worker logs', () => {
  it('rotate by size (--log-max-mb): <worker>.log and up to four older ones, no line lost', async () => {
    await expectRotatedLogs('chatty.yaml');
  });

  it('a Python worker writes on into its new log after each rotation', async () => {
    await expectRotatedLogs('chatty-python.yaml');
  });
});
