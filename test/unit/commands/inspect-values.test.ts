// f4 values in `mimocorb2 inspect` (text and --json) are the shortest decimal that reads back as
// the same float32, which is what numpy prints: up to 9 significant digits.
import { describe, expect, it } from 'vitest';
import { parseDtype, type Dtype } from '../../../src/buffer/index.js';
import { columnToJson, formatColumn } from '../../../src/commands/inspect-values.js';
import { PYTHON, runPythonJson } from '../../helpers/python.js';

const F4 = parseDtype('f4') as Dtype;

/** numpy's str() of each float32 given by its bit pattern. */
const NUMPY_STRINGS = `
import json, sys, numpy as np
bits = np.array(json.load(sys.stdin), dtype=np.uint32)
print(json.dumps([str(v) for v in bits.view(np.float32)]))
`;

describe('f4 values in inspect', () => {
  it('take 9 significant digits where 8 do not tell the float32 apart', () => {
    const values = Float32Array.of(0.10568306595087051, 0.1, 16777217, 3.4028234663852886e38, 1e-45);
    expect(columnToJson(F4, values)).toEqual([0.105683066, 0.1, 16777216, 3.4028235e38, 1e-45]);
    expect(formatColumn(F4, values)).toBe('[0.105683066 0.1 16777216. 3.4028235e+38 1e-45]');
  });

  it.skipIf(PYTHON === undefined)('agree with numpy on 20 000 random float32 values', () => {
    const bits = new Uint32Array(20_000);
    for (let i = 0; i < bits.length; i++) bits[i] = Math.floor(Math.random() * 2 ** 32);
    const floats = new Float32Array(bits.buffer);
    const finite = floats.filter(Number.isFinite);
    const expected = runPythonJson<string[]>(NUMPY_STRINGS, Array.from(new Uint32Array(finite.buffer)));
    const got = columnToJson(F4, finite);
    const differences = expected
      .map((text, i) => [text, got[i]] as const)
      .filter(([text, value]) => Number(text) !== value);
    expect(differences.slice(0, 5)).toEqual([]);
  });
});
