import type { PrebuiltDeclaration } from '../declaration/index.js';
import { GROUPS, groupOf } from '../registry.js';
import { bufferRows, defaultText } from './parts.js';

/** What `npm run docs:functions` writes to docs/functions.md; a test keeps the file in step. */
export function functionsMarkdown(declarations: readonly PrebuiltDeclaration[]): string {
  const lines = [
    '# Prebuilt functions',
    '',
    '<!-- Made from the registry (src/functions/registry.ts) by `npm run docs:functions`; do not edit. -->',
    '',
    'A worker without `file:` names one of these with `function:`, as in the original mimoCoRB2.',
    '`mimocorb2 validate` checks every prebuilt worker before anything starts: its buffers (how many,',
    'and what they must hold), and each config key against its type, range or allowed values. A',
    'config key that none of these functions knows is passed on silently (a config file or',
    '`base_config` may serve several workers), but one within two letters of a key the worker does',
    'not set is warned about. `mimocorb2 functions <name>` prints one entry in the terminal.',
    '',
  ];
  const present = GROUPS.filter((group) => declarations.some((d) => groupOf(d.name) === group));
  for (const group of present) {
    const names = declarations
      .filter((d) => groupOf(d.name) === group)
      .map((d) => `[${d.name}](#${anchor(d.name)})`);
    lines.push(`- **${group}**: ${names.join(', ')}`);
  }
  for (const group of present) {
    lines.push('', `## ${group}`);
    for (const d of declarations.filter((x) => groupOf(x.name) === group)) lines.push('', ...entry(d));
  }
  return `${lines.join('\n')}\n`;
}

function anchor(name: string): string {
  return name.toLowerCase().replaceAll('.', '');
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|');
}

function entry(d: PrebuiltDeclaration): string[] {
  const lines = [`### ${d.name}`, '', `${d.summary[0]?.toUpperCase() ?? ''}${d.summary.slice(1)}.`, ''];
  lines.push(d.description, '', `**Type:** ${d.template}`, '');
  lines.push('| buffers | |', '|---|---|');
  for (const [kind, text] of bufferRows(d)) lines.push(`| ${kind} | ${cell(text)} |`);
  const configs = Object.entries(d.configs);
  lines.push('');
  if (configs.length === 0) lines.push('**Configs:** none.');
  else {
    lines.push('| config | type | default | meaning |', '|---|---|---|---|');
    for (const [name, key] of configs) {
      lines.push(
        `| \`${name}\` | ${cell(key.type.text)} | ${cell(defaultText(key))} | ${cell(key.meaning)} |`,
      );
    }
  }
  if (d.writes !== undefined) {
    lines.push('', `**Writes** (so it runs as one process): ${d.writes.text}`);
  }
  lines.push('', '```yaml', d.example.trimEnd(), '```');
  if (d.reading !== undefined)
    lines.push('', 'Reading what it writes:', '', '```python', d.reading.trimEnd(), '```');
  return lines;
}
