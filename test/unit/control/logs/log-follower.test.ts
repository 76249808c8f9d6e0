import {
  appendFileSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  isErrorNotice,
  LogFollower,
  parseLogLine,
  type LogLine,
} from '../../../../src/control/logs/index.js';
import { workerLogPath } from '../../../../src/control/log-files.js';
import { LogRotation } from '../../../../src/control/logs/log-rotation.js';

let dir: string;
let follower: LogFollower | undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mimocorb2-logs-'));
});

afterEach(() => {
  follower?.close();
  follower = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const texts = (lines: readonly LogLine[]) =>
  lines.map((line) => `${line.worker}:${line.processIndex}:${line.text}`);

describe('parseLogLine', () => {
  it('reads the process index of the prefix', () => {
    expect(parseLogLine('w', '[12] hello [3] x')).toEqual({
      worker: 'w',
      processIndex: 12,
      text: 'hello [3] x',
      isError: false,
    });
  });

  it('marks stderr lines ([n]! ) and lines that report errors', () => {
    expect(parseLogLine('w', '[0]! plain text').isError).toBe(true);
    expect(parseLogLine('w', "[0] worker 'w' process 0 failed while running: Error: boom").isError).toBe(
      true,
    );
    expect(parseLogLine('w', '[0]     at main (file:///x/worker.ts:3:9)').isError).toBe(true);
    expect(parseLogLine('w', '[0] TypeError: x is not a function').isError).toBe(true);
    expect(
      parseLogLine('w', '[0] still busy 1000 ms after the worker function returned; exiting').isError,
    ).toBe(true);
    expect(parseLogLine('w', '[0] terrorist count 3').isError).toBe(false);
    expect(
      parseLogLine('w', "[0] [w] worker 'w': the Filter function threw on the event with counter 7: boom")
        .isError,
    ).toBe(true);
  });

  it('keeps a line without a prefix whole', () => {
    expect(parseLogLine('w', 'from a grandchild')).toEqual({
      worker: 'w',
      processIndex: undefined,
      text: 'from a grandchild',
      isError: false,
    });
  });
});

describe('LogFollower', () => {
  it('reads complete lines of every log file as they are appended, files made later too', () => {
    const source = workerLogPath(dir, 'source');
    writeFileSync(source, '[0] one\n[0] tw');
    follower = new LogFollower(dir, ['source', 'my worker']);
    expect(texts(follower.poll())).toEqual(['source:0:one']);
    appendFileSync(source, 'o\n[1] three\n');
    appendFileSync(workerLogPath(dir, 'my worker'), '[0] named with a space\n');
    const lines = follower.poll();
    expect(texts(lines.filter((l) => l.worker === 'source'))).toEqual(['source:0:two', 'source:1:three']);
    expect(texts(lines.filter((l) => l.worker !== 'source'))).toEqual(['my worker:0:named with a space']);
    expect(follower.poll()).toEqual([]);
  });

  it('emits the lines as one batch per look', () => {
    writeFileSync(workerLogPath(dir, 'w'), '[0] a\n[0] b\n');
    follower = new LogFollower(dir, ['w']);
    const batches: (readonly LogLine[])[] = [];
    follower.on('lines', (lines) => batches.push(lines));
    follower.poll();
    follower.poll();
    expect(batches.map(texts)).toEqual([['w:0:a', 'w:0:b']]);
  });

  it('skips to the tail of a file that grew by more than it reads at a time, and says so', () => {
    const file = workerLogPath(dir, 'loud');
    const many = Array.from({ length: 1000 }, (_, i) => `[0] line ${String(i).padStart(4, '0')}\n`).join('');
    writeFileSync(file, many);
    follower = new LogFollower(dir, ['loud'], { maxBytesPerRead: 200 });
    const lines = follower.poll();
    expect(lines[0]?.text).toMatch(/^… [\d,]+ bytes of output skipped/);
    expect(lines.at(-1)?.text).toBe('line 0999');
    expect(lines.slice(1).every((line) => /^line \d{4}$/.test(line.text))).toBe(true);
    expect(lines.length).toBeLessThanOrEqual(1 + 200 / 14 + 1);
  });

  it('gives the unfinished last line on close, and starts over when a file is truncated', () => {
    const file = workerLogPath(dir, 'w');
    writeFileSync(file, '[0] a first line\n[0] a second line\n');
    follower = new LogFollower(dir, ['w']);
    follower.poll();
    truncateSync(file, 0);
    appendFileSync(file, '[0] again\n[0] no newline');
    expect(texts(follower.poll())).toEqual(['w:0:again']);
    expect(texts(follower.close())).toEqual(['w:0:no newline']);
    expect(follower.poll()).toEqual([]);
  });

  it('follows on its own once started', async () => {
    follower = new LogFollower(dir, ['w'], { intervalMs: 20 }).start();
    const got = new Promise<readonly LogLine[]>((resolve) => follower?.once('lines', resolve));
    writeFileSync(workerLogPath(dir, 'w'), '[2] hello\n');
    expect(texts(await got)).toEqual(['w:2:hello']);
  });

  it('is quiet while the log directory does not exist', () => {
    follower = new LogFollower(join(dir, 'missing'), ['w']);
    expect(follower.poll()).toEqual([]);
  });
});

describe('LogFollower and LogRotation', () => {
  it('follows a log across a rotation: the rest of the old file, then the new one', () => {
    const file = workerLogPath(dir, 'w');
    writeFileSync(file, '[0] one\n');
    follower = new LogFollower(dir, ['w']);
    expect(texts(follower.poll())).toEqual(['w:0:one']);
    // A process still writes into the old file after the rotation, until it notices.
    appendFileSync(file, '[0] two\n');
    expect(new LogRotation(dir, ['w'], 8).check()).toEqual([file]);
    appendFileSync(`${file}.1`, '[0] three\n');
    appendFileSync(file, '[0] four\n');
    expect(texts(follower.poll())).toEqual(['w:0:two', 'w:0:three', 'w:0:four']);
  });

  it('keeps four rotated files, shifting them and dropping the oldest', () => {
    const file = workerLogPath(dir, 'w');
    const rotation = new LogRotation(dir, ['w'], 4);
    for (let i = 1; i <= 6; i++) {
      writeFileSync(file, `log ${i}\n`);
      rotation.check();
    }
    expect(readdirSync(dir).sort()).toEqual(['w.log', 'w.log.1', 'w.log.2', 'w.log.3', 'w.log.4']);
    expect(readFileSync(file, 'utf8')).toBe('');
    expect(readFileSync(`${file}.1`, 'utf8')).toBe('log 6\n');
    expect(readFileSync(`${file}.4`, 'utf8')).toBe('log 3\n');
    expect(rotation.check(), 'an empty log is not rotated').toEqual([]);
  });
});

describe('isErrorNotice', () => {
  it("marks control's notices that a process ended badly or events are lost, not the others", () => {
    for (const text of [
      "worker 'flaky' process 1 (pid 30670) exited with code 1: worker 'flaky': boom",
      "worker 'sink' process 1 (pid 28037) was killed by SIGKILL",
      "worker 'flaky' process 0 failed after 3 restarts: it is not restarted again",
      "buffer 'raw' has no reader left ('keep' ended) while 80 events wait in it",
      "the picture of display 'scope' of worker 'scope' process 0 was not saved: ENOSPC: no space left on device, write",
    ])
      expect(isErrorNotice(text), text).toBe(true);
    for (const text of [
      "worker 'sink' process 0 (pid 2003) exited with code 0",
      "restarting worker 'flaky' process 1 in 2 s (restart 1 of 3)",
      'stopping the roots; the chain drains',
      'paused the root buffers: new events are discarded',
    ])
      expect(isErrorNotice(text), text).toBe(false);
  });
});
