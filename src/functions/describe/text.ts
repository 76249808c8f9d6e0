import type { PrebuiltDeclaration } from '../declaration/index.js';
import { groupOf } from '../registry.js';
import { bufferRows, defaultText, wrap } from './parts.js';

const WIDTH = 100;

/** `mimocorb2 functions`: every function by group, one line each. */
export function describeList(declarations: readonly PrebuiltDeclaration[]): string[] {
  const nameWidth = Math.max(...declarations.map((d) => d.name.length));
  const lines = [
    'Prebuilt functions: name one with `function: <name>` (and no `file:`) in a worker;',
    '`mimocorb2 functions <name>` shows its buffers, configs and an example.',
  ];
  let group: string | undefined;
  for (const d of declarations) {
    if (groupOf(d.name) !== group) {
      group = groupOf(d.name);
      lines.push('', group);
    }
    lines.push(`  ${d.name.padEnd(nameWidth)}  ${d.summary}`);
  }
  return lines;
}

/** `mimocorb2 functions <name>`: the whole entry, as the manual gives it. */
export function describeFunction(d: PrebuiltDeclaration): string[] {
  const lines = [`${d.name}: ${d.summary}`, '', ...wrap(d.description, WIDTH), ''];
  lines.push('Type', `  ${d.template}`, '', 'Buffers');
  for (const [kind, text] of bufferRows(d)) lines.push(`  ${kind.padEnd(9)} ${text}`);
  lines.push('', 'Configs');
  const configs = Object.entries(d.configs);
  if (configs.length === 0) lines.push('  none');
  const keyWidth = Math.max(0, ...configs.map(([name]) => name.length));
  for (const [name, key] of configs) {
    lines.push(`  ${name.padEnd(keyWidth)}  ${key.type.text}; ${defaultText(key)}`);
    for (const line of wrap(key.meaning, WIDTH - keyWidth - 4)) {
      lines.push(`  ${''.padEnd(keyWidth)}  ${line}`);
    }
  }
  if (d.writes !== undefined) {
    lines.push('', 'Writes (one process only)', `  ${d.writes.text}`);
  }
  lines.push('', 'Example', ...indent(d.example));
  if (d.reading !== undefined) lines.push('', 'Reading what it writes (Python)', ...indent(d.reading));
  return lines;
}

function indent(text: string): string[] {
  return text
    .trimEnd()
    .split('\n')
    .map((line) => `  ${line}`);
}
