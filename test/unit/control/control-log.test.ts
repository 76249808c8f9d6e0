import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CONTROL_LOG_FILE, ControlLog } from '../../../src/control/logs/index.js';

let dir: string | undefined;
afterEach(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('ControlLog', () => {
  it('appends each line of a message with its time to control.log, and nothing after close', () => {
    dir = mkdtempSync(join(tmpdir(), 'mimocorb2-control-log-'));
    const log = new ControlLog(dir);
    expect(log.path).toBe(join(dir, CONTROL_LOG_FILE));
    log.write('started 2 worker processes', new Date('2025-07-29T14:03:59.123Z'));
    log.write(
      "worker 'cut' process 0 (pid 42) exited with code 1: boom\n  at cut",
      new Date('2025-07-29T14:04:00Z'),
    );
    log.close();
    log.write('after close');
    expect(readFileSync(log.path, 'utf8')).toBe(
      [
        '2025-07-29T14:03:59.123Z started 2 worker processes',
        "2025-07-29T14:04:00.000Z worker 'cut' process 0 (pid 42) exited with code 1: boom",
        '2025-07-29T14:04:00.000Z   at cut',
        '',
      ].join('\n'),
    );
  });
});
