import type { ConfigKey, PrebuiltDeclaration } from '../declaration/index.js';
import { describeRule } from '../declaration/index.js';

/** The three buffer rows of a function, in the manual's words. */
export function bufferRows(declaration: PrebuiltDeclaration): [string, string][] {
  const { sources, sinks, observes } = declaration.buffers;
  return [
    ['sources', describeRule(sources)],
    ['sinks', describeRule(sinks)],
    ['observes', describeRule(observes)],
  ];
}

/** `required`, `default 1`, `default: the source buffer's name`, or `optional`. */
export function defaultText(key: ConfigKey): string {
  if (key.required === true) return 'required';
  if (key.defaultText !== undefined) return `default: ${key.defaultText}`;
  if (key.default !== undefined) return `default ${JSON.stringify(key.default)}`;
  return 'optional';
}

/** Splits `text` into lines of at most `width` characters at spaces. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}
