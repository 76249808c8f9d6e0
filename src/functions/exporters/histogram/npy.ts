// NPY format 1.0 for one-dimensional int64 arrays, byte for byte as numpy.save writes them
// (https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html).
import { readFileSync } from 'node:fs';

const MAGIC = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 0x01, 0x00]); // \x93NUMPY v1.0
const ALIGN = 64;
/** numpy leaves room for the shape to grow to this many digits. */
const GROWTH_AXIS_MAX_DIGITS = 21;
const TWO_32 = 2 ** 32;

function headerText(length: number): string {
  const dict = `{'descr': '<i8', 'fortran_order': False, 'shape': (${length},), }`;
  const text = dict + ' '.repeat(GROWTH_AXIS_MAX_DIGITS - String(length).length);
  const unpadded = MAGIC.length + 2 + text.length + 1;
  return `${text}${' '.repeat((ALIGN - (unpadded % ALIGN)) % ALIGN)}\n`;
}

/** An .npy file of `counts` as little-endian int64 (whole numbers below 2^53). */
export function encodeInt64Npy(counts: Float64Array): Buffer {
  const header = headerText(counts.length);
  const bytes = Buffer.alloc(MAGIC.length + 2 + header.length + counts.length * 8);
  MAGIC.copy(bytes, 0);
  bytes.writeUInt16LE(header.length, MAGIC.length);
  bytes.write(header, MAGIC.length + 2, 'latin1');
  let offset = MAGIC.length + 2 + header.length;
  for (let i = 0; i < counts.length; i++, offset += 8) {
    const count = counts[i] as number;
    bytes.writeUInt32LE(count % TWO_32, offset);
    bytes.writeUInt32LE(Math.floor(count / TWO_32), offset + 4);
  }
  return bytes;
}

/**
 * The counts of an .npy file that encodeInt64Npy wrote (a restarted exporter goes on from them);
 * undefined when the file does not exist. Throws when it holds anything else.
 */
export function readInt64Npy(path: string, length: number): Float64Array | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const header = headerText(length);
  const dataOffset = MAGIC.length + 2 + header.length;
  const isOurs =
    bytes.subarray(0, MAGIC.length).equals(MAGIC) &&
    bytes.toString('latin1', MAGIC.length + 2, dataOffset) === header &&
    bytes.length === dataOffset + length * 8;
  if (!isOurs) {
    throw new Error(`${path} is not an int64 .npy file of ${length} counts; it cannot be continued`);
  }
  const counts = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    const offset = dataOffset + i * 8;
    counts[i] = bytes.readUInt32LE(offset) + bytes.readInt32LE(offset + 4) * TWO_32;
  }
  return counts;
}
