import { describe, expect, it } from 'vitest';
import { wrapText } from '../../../src/ui/wrap-text.js';

const WARNING =
  'warning: setup.yaml:2:3: Buffers.raw: no worker reads this buffer (none has it in sources); its writers block once it is full';

describe('wrapText', () => {
  it('breaks at spaces into rows of at most the width, indenting the rows that continue a line', () => {
    const rows = wrapText(WARNING, 50).split('\n');
    expect(rows).toEqual([
      'warning: setup.yaml:2:3: Buffers.raw: no worker',
      '  reads this buffer (none has it in sources); its',
      '  writers block once it is full',
    ]);
    expect(rows.map((row) => row.trim()).join(' ')).toBe(WARNING);
  });

  it('keeps each line of a message and its indentation, and a word longer than a row whole', () => {
    const text =
      'setup setup.yaml has 1 problem:\n  setup.yaml:7:17: Workers.print.file: /a/very/long/path/that/does/not/fit.ts not found';
    expect(wrapText(text, 31).split('\n')).toEqual([
      'setup setup.yaml has 1 problem:',
      '  setup.yaml:7:17:',
      '    Workers.print.file:',
      '    /a/very/long/path/that/does/not/fit.ts',
      '    not found',
    ]);
  });

  it('leaves the text as it is without a width (not a terminal) or when it fits', () => {
    expect(wrapText(WARNING, undefined)).toBe(WARNING);
    expect(wrapText(WARNING, WARNING.length)).toBe(WARNING);
  });
});
