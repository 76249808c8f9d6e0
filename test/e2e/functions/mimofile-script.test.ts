// scripts/mimofile.py with Debian's numpy: info and convert on the command line, read() of both
// formats, and the way from a .mimo file of the Python original to a replay: the importer refuses
// it with the command that converts it, the command works, and the replay gives its events exactly.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  expectExit,
  expectNothingLeft,
  REPO_ROOT,
  startRun,
  useCliRuns,
  waitForRunDir,
} from '../../helpers/cli.js';
import { useProcessCleanup } from '../../helpers/processes.js';
import { python, PYTHON, PYTHON_TITLE, pythonJson } from '../../helpers/python.js';
import {
  PATTERN_BUFFER,
  readPattern,
  scratchDir,
  useScratchDirs,
  writePatternRecording,
  writeSetup,
} from './mimo-runs.js';

useProcessCleanup();
useCliRuns();
useScratchDirs();

const SCRIPT = join(REPO_ROOT, 'scripts', 'mimofile.py');
const EVENTS = 200;

/** Writes a .mimo file as the Python original's data.export does: a pickled dict, then data and metadata per event. */
const WRITE_ORIGINAL = `
import pickle, sys
import numpy as np
path, events, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
data_dtype = np.dtype([("wave", "f4"), ("index", "i8"), ("flag", "bool")])
metadata_dtype = np.dtype([("counter", np.longlong), ("timestamp", np.float64), ("deadtime", np.float64)])
info = {"version": 1, "header": "This is a mimoCoRB file", "data_dtype": data_dtype, "data_length": n,
        "metadata_dtype": metadata_dtype, "metadata_length": 1}
with open(path, "wb") as f:
    pickle.dump(info, f)
    j = np.arange(n)
    for i in range(events):
        data = np.zeros(n, data_dtype)
        data["wave"], data["index"], data["flag"] = i + j / 8, i * 1000 + j, (i + j) % 2 == 1
        metadata = np.zeros(1, metadata_dtype)
        metadata["counter"], metadata["timestamp"], metadata["deadtime"] = i, 1.7e9 + i / 1000, (i % 7) / 100
        f.write(data.tobytes())
        f.write(metadata.tobytes())
`;

/** read() of two files: whether their metadata and every field are equal, and their headers. */
const COMPARE = `
import json, sys
import numpy as np
sys.path.insert(0, sys.argv[1])
import mimofile
h1, m1, d1 = mimofile.read(sys.argv[2])
h2, m2, d2 = mimofile.read(sys.argv[3])
same = len(m1) == len(m2) and all(np.array_equal(m1[k], m2[k]) for k in m1.dtype.names) \\
    and all(np.array_equal(d1[k], d2[k]) for k in d1.dtype.names)
print(json.dumps({"same": bool(same), "events": [len(m1), len(m2)], "formats": [h1["format"], h2["format"]],
                  "shape": list(d1["wave"].shape), "dtypes": [h1["data_dtype"], h2["data_dtype"]]}))
`;

async function writeOriginal(file: string): Promise<void> {
  const result = await python([
    '-c',
    WRITE_ORIGINAL,
    file,
    String(EVENTS),
    String(PATTERN_BUFFER.data_length),
  ]);
  expect(result, 'writing the original file').toMatchObject({ code: 0, stderr: '' });
}

interface Comparison {
  same: boolean;
  events: number[];
  formats: string[];
  shape: number[];
  dtypes: Record<string, string>[];
}

function compare(a: string, b: string): Promise<Comparison> {
  return pythonJson<Comparison>(COMPARE, join(REPO_ROOT, 'scripts'), a, b);
}

describe.skipIf(PYTHON === undefined)(`scripts/mimofile.py (${PYTHON_TITLE})`, () => {
  it("an original's file: refused with the command that converts it; converted, it replays exactly", async () => {
    const dir = scratchDir();
    const original = join(dir, 'waveform_buffer.mimo');
    await writeOriginal(original);
    const setup = writeSetup(dir, {
      Buffers: { raw: PATTERN_BUFFER },
      Workers: {
        input: {
          function: 'data.simulate_importer',
          sinks: ['raw'],
          config: { filename: 'waveform_buffer.mimo', speedup: 0, keep_metadata: true },
        },
        record: { function: 'data.export', sources: ['raw'] },
      },
    });
    const refused = startRun(setup);
    const { stderr } = await expectExit(refused, 2);
    const command = /convert it once with: (python3 \S+ convert \S+) \(/.exec(stderr);
    expect(command?.[1], stderr).toBe(`python3 ${SCRIPT} convert ${original}`);
    expectNothingLeft(refused);

    const converted = await python((command?.[1] as string).split(' ').slice(1));
    expect(converted).toEqual({
      code: 0,
      stdout: `converted ${EVENTS} events to ${original} (the original is now ${original}.orig)\n`,
      stderr: '',
    });
    expect(await compare(`${original}.orig`, original)).toEqual({
      same: true,
      events: [EVENTS, EVENTS],
      formats: ['mimoCoRB2-pickle', 'mimocorb2-mimo'],
      shape: [EVENTS, PATTERN_BUFFER.data_length],
      dtypes: [
        { wave: '<f4', index: '<i8', flag: '|b1' },
        { wave: '<f4', index: '<i8', flag: '|b1' },
      ],
    });

    const run = startRun(setup);
    const runDir = await waitForRunDir(run);
    await expectExit(run, 0);
    expect(
      (await compare(`${original}.orig`, join(runDir, 'raw.mimo'))).same,
      'the replay is the original',
    ).toBe(true);
    expectNothingLeft(run);
  });

  it('convert to another file; info of both formats, as text and JSON', async () => {
    const dir = scratchDir();
    const original = join(dir, 'old.mimo');
    const target = join(dir, 'new.mimo');
    await writeOriginal(original);
    expect(await python([SCRIPT, 'convert', original, target])).toEqual({
      code: 0,
      stdout: `converted ${EVENTS} events to ${target}\n`,
      stderr: '',
    });
    expect(existsSync(`${original}.orig`)).toBe(false);
    const report = await readPattern(target);
    expect(report.bad).toEqual([]);
    expect(report.counters).toEqual(Array.from({ length: EVENTS }, (_, k) => k));
    // The original names its files after their buffer.
    expect(report.header).toMatchObject({ buffer: 'old', data_length: 6, converted_from: original });

    const info = await python([SCRIPT, 'info', target]);
    expect(info.code).toBe(0);
    expect(info.stdout).toContain(`${target}: mimocorb2 .mimo version 1\n`);
    expect(info.stdout).toContain(`events          ${EVENTS}\n`);
    expect(info.stdout).toContain('data_dtype      wave: <f4, index: <i8, flag: |b1\n');
    const infoOld = await python([SCRIPT, 'info', original]);
    expect(infoOld.stdout).toContain(
      `${original}: a .mimo file of the Python mimoCoRB2 (pickled header); convert it with: python3 ${SCRIPT} convert ${original}\n`,
    );
    const json = await python([SCRIPT, 'info', '--json', target]);
    expect(JSON.parse(json.stdout)).toMatchObject({
      events: EVENTS,
      header: { format: 'mimocorb2-mimo', version: 1 },
    });
  });

  it('a file cut in the middle of a record reads up to its last whole one', async () => {
    const dir = scratchDir();
    const file = join(dir, 'cut.mimo');
    writePatternRecording(file, [1, 2, 3, 4]);
    const result = await python([
      '-c',
      'import os, sys; sys.path.insert(0, sys.argv[1]); import mimofile; ' +
        'os.truncate(sys.argv[2], os.path.getsize(sys.argv[2]) - 5); h, m, d = mimofile.read(sys.argv[2]); ' +
        'print(len(m), m["counter"].tolist(), d["index"][2].tolist())',
      join(REPO_ROOT, 'scripts'),
      file,
    ]);
    expect(result).toEqual({
      code: 0,
      stdout: '3 [0, 1, 2] [2000, 2001, 2002, 2003, 2004, 2005]\n',
      stderr: '',
    });
  });

  it('says what is wrong, with exit 2', async () => {
    const dir = scratchDir();
    const ours = join(dir, 'ours.mimo');
    writePatternRecording(ours, [1]);
    const original = join(dir, 'old.mimo');
    await writeOriginal(original);
    await python([SCRIPT, 'convert', original, join(dir, 'copy.mimo')]);
    const cases: [string[], string][] = [
      [['info', join(dir, 'missing.mimo')], `.mimo file ${join(dir, 'missing.mimo')} not found`],
      [['info', SCRIPT], `${SCRIPT} is not a mimocorb2 .mimo file (it does not start with MIMOFILE)`],
      [['convert', ours], `${ours} is already a mimocorb2 .mimo file`],
    ];
    for (const [args, message] of cases) {
      expect(await python([SCRIPT, ...args]), args.join(' ')).toEqual({
        code: 2,
        stdout: '',
        stderr: `mimofile: ${message}\n`,
      });
    }
  });
});
