// f4 values in `mimocorb2 inspect` (text and --json) are the shortest decimal that reads back as
// the same float32, which is what numpy prints: up to 9 significant digits.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseDtype, type Dtype } from '../../../src/buffer/index.js';
import { columnToJson, formatColumn } from '../../../src/commands/inspect-values.js';

const F4 = parseDtype('f4') as Dtype;

function hasNumpy(): boolean {
  return spawnSync('/usr/bin/python3', ['-c', 'import numpy'], { stdio: 'ignore' }).status === 0;
}

/** numpy's str() of each float32 given by its bit pattern. */
function numpyStrings(bits: Uint32Array): string[] {
  const script =
    'import sys, numpy as np\n' +
    'bits = np.array([int(x) for x in sys.stdin.read().split()], dtype=np.uint32)\n' +
    "print('\\n'.join(str(v) for v in bits.view(np.float32)))";
  const result = spawnSync('/usr/bin/python3', ['-c', script], {
    input: Array.from(bits).join(' '),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  expect(result.stderr).toBe('');
  return result.stdout.trimEnd().split('\n');
}

describe('f4 values in inspect', () => {
  it('take 9 significant digits where 8 do not tell the float32 apart', () => {
    const values = Float32Array.of(0.10568306595087051, 0.1, 16777217, 3.4028234663852886e38, 1e-45);
    expect(columnToJson(F4, values)).toEqual([0.105683066, 0.1, 16777216, 3.4028235e38, 1e-45]);
    expect(formatColumn(F4, values)).toBe('[0.105683066 0.1 16777216. 3.4028235e+38 1e-45]');
  });

  it.skipIf(!hasNumpy())('agree with numpy on 20 000 random float32 values', () => {
    const bits = new Uint32Array(20_000);
    for (let i = 0; i < bits.length; i++) bits[i] = Math.floor(Math.random() * 2 ** 32);
    const floats = new Float32Array(bits.buffer);
    const finite = floats.filter(Number.isFinite);
    const expected = numpyStrings(new Uint32Array(finite.buffer));
    const got = columnToJson(F4, finite);
    const differences = expected
      .map((text, i) => [text, got[i]] as const)
      .filter(([text, value]) => Number(text) !== value);
    expect(differences.slice(0, 5)).toEqual([]);
  });
});
