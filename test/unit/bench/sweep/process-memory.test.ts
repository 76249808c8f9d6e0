import { describe, expect, it } from 'vitest';
import {
  findRunProcesses,
  maxMemory,
  parseParentPid,
  parseProcessMemory,
  readProcessMemory,
} from '../../../../src/bench/sweep/process-memory.js';
import { makeMemoryRecord } from '../../../../src/bench/sweep/memory-sweep.js';

const STATUS = `Name:\tnode
VmRSS:\t  1105000 kB
RssAnon:\t   36900 kB
RssFile:\t   44100 kB
RssShmem:\t 1048576 kB
Threads:\t7
`;
const ROLLUP = `55c91da27000-7ffcd9bec000 ---p 00000000 00:00 0                          [rollup]
Rss:             1105000 kB
Pss:              572416 kB
Pss_Shmem:        524288 kB
`;

describe('process memory from /proc', () => {
  it('reads RSS by kind from status and PSS from smaps_rollup', () => {
    expect(parseProcessMemory(STATUS, ROLLUP)).toEqual({
      rssKiB: 1_105_000,
      rssAnonKiB: 36_900,
      rssFileKiB: 44_100,
      rssShmemKiB: 1_048_576,
      pssKiB: 572_416,
      pssShmemKiB: 524_288,
    });
    expect(parseProcessMemory(STATUS, undefined).pssKiB).toBeUndefined();
  });

  it('reads this process’s own figures', () => {
    const own = readProcessMemory(process.pid);
    expect(own?.rssKiB).toBeGreaterThan(0);
  });

  it('keeps the peak of each figure', () => {
    const a = parseProcessMemory(STATUS, undefined);
    const b = { ...a, rssKiB: 1, rssShmemKiB: 2_000_000, pssKiB: 5 };
    expect(maxMemory(a, b)).toMatchObject({ rssKiB: 1_105_000, rssShmemKiB: 2_000_000, pssKiB: 5 });
    expect(maxMemory(undefined, b)).toBe(b);
  });

  it('gives MiB in the JSON line', () => {
    expect(makeMemoryRecord('importer[0]', parseProcessMemory(STATUS, ROLLUP))).toMatchObject({
      process: 'importer[0]',
      rss_shmem_mib: 1024,
      pss_mib: 559,
      pss_shmem_mib: 512,
    });
  });

  it('finds control by its setup file and names its children by label, helpers by command', () => {
    expect(parseParentPid('4242 (node (x) y) S 17 4242 17 0')).toBe(17);
    const processes = [
      { pid: 10, ppid: 1, args: ['node', '/x/dist/cli.js', 'run', '/s/setup.yaml', '--ui', 'none'] },
      { pid: 11, ppid: 10, args: ['node', '/x/dist/control/worker-entry.js', 'filter[1]'] },
      {
        pid: 12,
        ppid: 10,
        args: ['node', '--experimental-detect-module', '/x/module-exports.js', '["/s/w.mjs"]'],
      },
      { pid: 13, ppid: 1, args: ['node', 'other'] },
    ];
    expect([...findRunProcesses(processes, '/s/setup.yaml')]).toEqual([
      [10, 'control'],
      [11, 'filter[1]'],
      [12, 'helper: node --experimental-detect-module module-exports'],
    ]);
    expect(findRunProcesses(processes, '/other.yaml').size).toBe(0);
  });
});
