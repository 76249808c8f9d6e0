import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Bins, linspace } from '../../../src/functions/exporters/histogram/bins.js';
import { encodeInt64Npy, readInt64Npy } from '../../../src/functions/exporters/histogram/npy.js';
import { PYTHON, runPythonJson } from '../../helpers/python.js';
import { useSetupDirs } from '../control/setup/setup-dir.js';

const makeDir = useSetupDirs();
const scratch = (): string => makeDir({});

// [min, max, n] and the values to count, as float64 or rounded to float32 first.
const CASES: { bins: [number, number, number]; values: number[]; float32?: boolean }[] = [
  {
    bins: [0, 1, 11],
    values: [0, 0.1, 0.2, 0.3, 0.30000000000000004, 0.7, 0.9999, 1, 1.0000001, -0.0001, NaN],
  },
  { bins: [0, 1, 11], values: [0, 0.1, 0.2, 0.3, 0.6, 0.7, 1, 0.99999994], float32: true },
  { bins: [-4096, 4095, 4096], values: [-4096, -4095.5, -1, 0, 1, 2.5, 4094, 4094.999, 4095, 4095.01] },
  { bins: [0, 15000, 75], values: [0, 199.99, 200, 14800, 15000, 15000.5] },
  { bins: [1e-9, 3e-9, 7], values: [1e-9, 1.3333333333e-9, 2e-9, 3e-9, 5e-10] },
  { bins: [0.1, 0.7, 4], values: Array.from({ length: 200 }, (_, i) => i * 0.0035), float32: true },
];

describe.skipIf(PYTHON === undefined)('the histogram exporter against numpy', () => {
  it('makes numpy.linspace edges and counts as numpy.histogram', () => {
    const ours = CASES.map(({ bins: [min, max, n], values, float32 = false }) => {
      const bins = new Bins(min, max, n);
      for (const value of values) bins.add(float32 ? Math.fround(value) : value);
      return { edges: [...linspace(min, max, n)], counts: [...bins.counts] };
    });
    const numpy = runPythonJson<typeof ours>(
      `import json, sys
import numpy as np
out = []
for case in json.load(sys.stdin):
    lo, hi, n = case["bins"]
    edges = np.linspace(lo, hi, n)
    values = np.array([float("nan") if v is None else v for v in case["values"]], dtype=np.float32 if case.get("float32") else np.float64)
    out.append({"edges": edges.tolist(), "counts": np.histogram(values, bins=edges)[0].tolist()})
print(json.dumps(out))`,
      CASES.map((c) => ({ ...c, values: c.values.map((v) => (Number.isNaN(v) ? null : v)) })),
    );
    expect(ours).toEqual(numpy);
  });

  it('writes .npy files byte for byte as numpy.save, and numpy.load reads them', () => {
    const dir = scratch();
    const lengths = [1, 9, 99, 4095, 100_000];
    const written = lengths.map((length) => {
      const counts = Float64Array.from({ length }, (_, i) => (i * 7919) % 1001);
      counts[0] = 2 ** 40 + 3;
      const file = join(dir, `${length}.npy`);
      writeFileSync(file, encodeInt64Npy(counts));
      return { file, length, sum: counts.reduce((a, b) => a + b, 0) };
    });
    const numpy = runPythonJson<{ same: boolean; dtype: string; shape: number[]; sum: number }[]>(
      `import io, json, sys
import numpy as np
out = []
for case in json.load(sys.stdin):
    a = np.load(case["file"])
    buf = io.BytesIO(); np.save(buf, a)
    out.append({"same": buf.getvalue() == open(case["file"], "rb").read(), "dtype": str(a.dtype),
                "shape": list(a.shape), "sum": int(a.sum())})
print(json.dumps(out))`,
      written,
    );
    expect(numpy).toEqual(
      written.map((w) => ({ same: true, dtype: 'int64', shape: [w.length], sum: w.sum })),
    );
  });
});

describe('readInt64Npy', () => {
  it('reads back what encodeInt64Npy wrote, and refuses a file of another shape', () => {
    const dir = scratch();
    const file = join(dir, 'height.npy');
    const counts = Float64Array.from([0, 1, 2 ** 33 + 5, 7]);
    writeFileSync(file, encodeInt64Npy(counts));
    expect(readInt64Npy(file, 4)).toEqual(counts);
    expect(readInt64Npy(join(dir, 'missing.npy'), 4)).toBeUndefined();
    expect(() => readInt64Npy(file, 5)).toThrow(
      `${file} is not an int64 .npy file of 5 counts; it cannot be continued`,
    );
  });
});
