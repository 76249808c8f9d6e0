import { describe, expect, it } from 'vitest';
import { float32Text, float64Text } from '../../../src/functions/exporters/csv/float-text.js';
import { PYTHON, runPythonJson } from '../../helpers/python.js';

/** Significant digits of a decimal: `0.00120` -> 2, `1.5e-7` -> 2, `1200` -> 2. */
function significantDigits(text: string): number {
  const mantissa = text.replace(/^-/, '').split(/e/i)[0] ?? '';
  return mantissa.replace('.', '').replace(/^0+/, '').replace(/0+$/, '').length || 1;
}

/** float32 values from random bit patterns, and some that sit on the awkward spots. */
function float32Samples(count: number): number[] {
  const bits = new Uint32Array(1);
  const view = new Float32Array(bits.buffer);
  const values = [
    1, 0.1, 0.3, -2.5, 1e-45, 3.4028234663852886e38, 16777216, 16777217, 33554432, 1e10, 123456.7,
  ];
  for (let e = -40; e <= 38; e++) values.push(Math.fround(10 ** e), Math.fround(9.999999 * 10 ** e));
  let seed = 12345;
  while (values.length < count) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    bits[0] = seed ^ (seed << 7);
    const value = view[0] as number;
    if (Number.isFinite(value) && value !== 0) values.push(value);
  }
  return values.map((v) => Math.fround(v)).filter((v) => Number.isFinite(v));
}

describe('float32Text', () => {
  const values = float32Samples(20_000);

  it('reads back as the same float32', () => {
    const wrong = values.filter((v) => Math.fround(Number(float32Text(v))) !== v);
    expect(wrong).toEqual([]);
  });

  it.skipIf(PYTHON === undefined)('has as few significant digits as numpy prints for the float32', () => {
    const numpyDigits = runPythonJson<string[]>(
      `import json, sys
import numpy as np
values = np.array(json.load(sys.stdin), dtype=np.float32)
print(json.dumps([np.format_float_scientific(v, unique=True) for v in values]))`,
      values,
    ).map(significantDigits);
    const longer = values
      .map((v, i) => ({ value: v, ours: float32Text(v), numpy: numpyDigits[i] }))
      .filter((x) => significantDigits(x.ours) !== x.numpy);
    expect(longer).toEqual([]);
  });

  it('writes non-finite values and zeros as numpy and Python do', () => {
    expect([NaN, Infinity, -Infinity, 0, -0].map(float32Text)).toEqual(['nan', 'inf', '-inf', '0', '-0.0']);
    expect(float32Text(Math.fround(0.1))).toBe('0.1');
    expect(float32Text(Math.fround(-1234.5678))).toBe('-1234.5677');
  });
});

describe('float64Text', () => {
  it('is the shortest decimal that reads back as the same double', () => {
    expect([0.1, 0.30000000000000004, 1e-7, 1.5e21, 1796606457.6350605].map(float64Text)).toEqual([
      '0.1',
      '0.30000000000000004',
      '1e-7',
      '1.5e+21',
      '1796606457.6350605',
    ]);
    expect([NaN, Infinity, -Infinity, -0].map(float64Text)).toEqual(['nan', 'inf', '-inf', '-0.0']);
  });
});
