import type { BufferCount } from '../../control/setup/index.js';
import type { BufferRule } from './declaration.js';

type BufferKind = 'sources' | 'sinks' | 'observes';

const NOUNS = {
  sources: ['source', 'sources'],
  sinks: ['sink', 'sinks'],
  observes: ['observed buffer', 'observed buffers'],
} as const;

/** Whether `given` buffers satisfy `count`. */
export function fitsCount(count: BufferCount, given: number): boolean {
  if (typeof count === 'number') return given === count;
  return given >= count.min && given <= (count.max ?? Infinity);
}

/** `1 source`, `no sinks`, `1 or more sinks`, `1 to 3 sinks`, `any number of sinks`. */
export function describeCount(count: BufferCount, kind: BufferKind): string {
  const [one, many] = NOUNS[kind];
  const min = typeof count === 'number' ? count : count.min;
  const max = typeof count === 'number' ? count : count.max;
  if (max === undefined) return min === 0 ? `any number of ${many}` : `${min} or more ${many}`;
  if (min === max) return min === 0 ? `no ${many}` : `${min} ${min === 1 ? one : many}`;
  return `${min} to ${max} ${many}`;
}

/** A rule in the manual's words: `1 with data_length 1`, `any number, each like the source`. */
export function describeRule(rule: BufferRule): string {
  const { count } = rule;
  const min = typeof count === 'number' ? count : count.min;
  const max = typeof count === 'number' ? count : count.max;
  let text: string;
  if (max === undefined) text = min === 0 ? 'any number' : `${min} or more`;
  else text = min === max ? String(min) : `${min} to ${max}`;
  const each = min === 1 && max === 1 ? '' : 'each ';
  const parts: string[] = [];
  if (rule.dataLength !== undefined) parts.push(`with data_length ${rule.dataLength}`);
  if (rule.dtype !== undefined) {
    const fields = Object.entries(rule.dtype).map(([name, dtype]) => `${name}: ${dtype}`);
    parts.push(`with data_dtype {${fields.join(', ')}}`);
  }
  if (rule.sameAsSource === true) {
    parts.push('with the data_length and data_dtype of the source (events pass on unchanged)');
  }
  if (parts.length > 0 && max !== 0) text += `, ${each}${parts.join(', ')}`;
  if (rule.note !== undefined) text += `; ${rule.note}`;
  return text;
}
