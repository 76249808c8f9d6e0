/**
 * Breaks each line of `text` at spaces into rows of at most `width` characters, so that a terminal
 * never cuts a word; rows after a line's first are indented two more than the line. A word longer
 * than a row is left whole. Without a width (not a terminal) the text is returned as it is.
 */
export function wrapText(text: string, width: number | undefined): string {
  if (width === undefined || width <= 0) return text;
  return text
    .split('\n')
    .flatMap((line) => wrapLine(line, width))
    .join('\n');
}

function wrapLine(line: string, width: number): string[] {
  if (line.length <= width) return [line];
  const indent = /^ */.exec(line)?.[0] ?? '';
  const continuation = `${indent}  `;
  const rows: string[] = [];
  let row = indent;
  for (const word of line.slice(indent.length).split(' ')) {
    const prefix = rows.length === 0 ? indent : continuation;
    if (row === prefix || row.length + 1 + word.length <= width) {
      row = row === prefix ? `${row}${word}` : `${row} ${word}`;
    } else {
      rows.push(row);
      row = `${continuation}${word}`;
    }
  }
  rows.push(row);
  return rows;
}
