import { describe, expect, it } from 'vitest';
import { parseDtype, validateDtype } from '../../../src/buffer/dtype.js';

describe('parseDtype', () => {
  it.each([
    ['f4', '<f4', Float32Array],
    ['<f8', '<f8', Float64Array],
    ['float32', '<f4', Float32Array],
    ['=i2', '<i2', Int16Array],
    ['int64', '<i8', BigInt64Array],
    ['u1', '|u1', Uint8Array],
    ['uint32', '<u4', Uint32Array],
    ['|b1', '|b1', Uint8Array],
    ['bool', '|b1', Uint8Array],
    ['S10', '|S10', Uint8Array],
    // numpy's other names, as np.dtype() reads them on Linux
    ['float', '<f8', Float64Array],
    ['double', '<f8', Float64Array],
    ['single', '<f4', Float32Array],
    ['int', '<i8', BigInt64Array],
    ['intc', '<i4', Int32Array],
    ['short', '<i2', Int16Array],
    ['uint', '<u8', BigUint64Array],
    ['ubyte', '|u1', Uint8Array],
    ['bool_', '|b1', Uint8Array],
    ['d', '<f8', Float64Array],
    ['<f', '<f4', Float32Array],
    ['i', '<i4', Int32Array],
    ['b', '|i1', Int8Array],
    ['B', '|u1', Uint8Array],
    ['?', '|b1', Uint8Array],
  ])('%s is %s', (text, descr, ArrayType) => {
    const dtype = parseDtype(text);
    expect(typeof dtype).toBe('object');
    if (typeof dtype === 'string') return;
    expect(dtype.descr).toBe(descr);
    expect(dtype.ArrayType).toBe(ArrayType);
  });

  it.each([
    [
      'f16',
      "unknown dtype 'f16'; expected one of f4 f8 float32 float64 i1 i2 i4 i8 int8..int64 u1 u2 u4 u8 uint8..uint64 b1 bool S<n>",
    ],
    [
      '>f4',
      "big-endian dtype '>f4' is not supported (typed arrays use the machine's little-endian order); use '<f4'",
    ],
    ['S0', "string dtype 'S0' needs a length from 1 to 65536"],
    [
      4,
      'expected a dtype string (f4 f8 float32 float64 i1 i2 i4 i8 int8..int64 u1 u2 u4 u8 uint8..uint64 b1 bool S<n>), got number 4',
    ],
  ])('refuses %j', (value, message) => {
    expect(parseDtype(value)).toBe(message);
  });

  it('names the buffer and the field when it throws', () => {
    expect(() => validateDtype('raw', 'ch1', 'complex64')).toThrow(
      "buffer 'raw', field 'ch1': unknown dtype 'complex64'; expected one of",
    );
  });
});
