import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The Python original's .mimo files start with a pickled dict (pickle's PROTO opcode 0x80, then
// the protocol) whose 'header' is this sentence; its records are data then metadata, packed.
const PICKLE_PROTO = 0x80;
const ORIGINAL_HEADER_TEXT = 'This is a mimoCoRB file';
/** How far into the file the pickled header's sentence is looked for. */
const SNIFF_BYTES = 4096;

/** The converter shipped with the package (`scripts/mimofile.py`, three folders up from here). */
export const MIMOFILE_SCRIPT = fileURLToPath(new URL('../../../scripts/mimofile.py', import.meta.url));

/** Whether the first bytes of a file are those of a .mimo file written by the Python original. */
export function isOriginalMimoFile(start: Buffer): boolean {
  return (
    start.length > 2 &&
    start[0] === PICKLE_PROTO &&
    start.subarray(0, SNIFF_BYTES).includes(ORIGINAL_HEADER_TEXT, 0, 'latin1')
  );
}

/** What to tell a user who names an original .mimo file: the exact command that converts it. */
export function originalFormatMessage(file: string): string {
  const absolute = path.resolve(file);
  return (
    `${file} is a .mimo file of the Python mimoCoRB2 (a pickled header), which mimocorb2 does not read; ` +
    `convert it once with: python3 ${MIMOFILE_SCRIPT} convert ${absolute} ` +
    `(this rewrites it in place and keeps the original as ${path.basename(absolute)}.orig)`
  );
}

/** How many first bytes of a file `isOriginalMimoFile` needs to look at. */
export const ORIGINAL_SNIFF_BYTES = SNIFF_BYTES;
