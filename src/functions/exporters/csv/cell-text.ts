import type { Dtype, FieldArray } from '../../../buffer/index.js';
import { float32Text, float64Text } from './float-text.js';

/** The text of one field's value (element 0: these sources have data_length 1) in a CSV cell. */
export type CellText = (column: FieldArray) => string;

const LATIN1 = new TextDecoder('latin1');

/** How a field of this dtype is written: integers as integers, floats as their shortest decimal. */
export function cellTextFor(dtype: Dtype): CellText {
  switch (dtype.kind) {
    case 'f':
      return dtype.itemsize === 4
        ? (column) => float32Text(column[0] as number)
        : (column) => float64Text(column[0] as number);
    case 'b':
      return (column) => (column[0] === 0 ? 'False' : 'True');
    case 'S':
      // numpy's bytes: up to the first NUL. A line break is written as \n or \r, so that every
      // row is one line (a crashed writer's partial row is cut at the last line break).
      return (column) => {
        const bytes = column as Uint8Array;
        const end = bytes.indexOf(0);
        const text = LATIN1.decode(end < 0 ? bytes : bytes.subarray(0, end));
        return text.replaceAll('\n', '\\n').replaceAll('\r', '\\r');
      };
    default:
      // i1..u4 read as numbers, i8 and u8 as bigints: String() writes both as integers.
      return (column) => String(column[0]);
  }
}
