import { readFileSync } from 'node:fs';
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Document,
  type Node,
} from 'yaml';
import type { SetupProblem } from '../../errors.js';

/** A key path into a YAML value: map keys and list indices. */
export type KeyPath = readonly (string | number)[];

/** A parsed YAML file that can say where a key path was written. */
export interface YamlSource {
  /** The file as the user named it. */
  readonly file: string;
  /** The plain value (`null` for an empty file), with anchors, aliases and `<<` merges applied. */
  readonly value: unknown;
  /** 1-based line and column of the value (or, with `atKey`, the key) at `keyPath`. */
  locate(keyPath: KeyPath, atKey?: boolean): { line: number; column: number } | undefined;
  /** Whether the value at `keyPath` was written with an anchor (`&name`). */
  hasAnchor(keyPath: KeyPath): boolean;
}

export type YamlFileResult =
  | { readonly kind: 'ok'; readonly source: YamlSource }
  | { readonly kind: 'unreadable'; readonly reason: string }
  | { readonly kind: 'invalid'; readonly problems: readonly SetupProblem[] };

/** Reads and parses a YAML file; a file that cannot be read is told apart from one that does not parse. */
export function readYamlFile(absolutePath: string, file: string): YamlFileResult {
  let text: string;
  try {
    text = readFileSync(absolutePath, 'utf8');
  } catch (error) {
    return { kind: 'unreadable', reason: describeReadError(error) };
  }
  return parseYaml(text, file);
}

/** Parses YAML text; syntax errors and unknown aliases become problems with line and column. */
export function parseYaml(text: string, file: string): YamlFileResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { merge: true, lineCounter, prettyErrors: false });
  const at = (offset: number): { line: number; column: number } => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const problems: SetupProblem[] = doc.errors.map((error) => ({
    file,
    ...at(error.pos[0]),
    keyPath: '',
    message: describeSyntaxError(error.code, error.message, keyAt(doc, error.pos[0])),
  }));
  visit(doc, {
    Alias(_, alias) {
      if (alias.resolve(doc) === undefined && alias.range) {
        problems.push({
          file,
          ...at(alias.range[0]),
          keyPath: '',
          message: `YAML error: alias '*${alias.source}' has no anchor '&${alias.source}' before it`,
        });
      }
    },
  });
  if (problems.length > 0) return { kind: 'invalid', problems };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // The converter does not say where; a bad merge (`<<:` of something not a map) is the usual cause.
    const offset = badMergeOffset(doc) ?? 0;
    return {
      kind: 'invalid',
      problems: [{ file, ...at(offset), keyPath: '', message: `YAML error: ${message}` }],
    };
  }
  const source: YamlSource = {
    file,
    value,
    locate(keyPath, atKey = false) {
      const node = findNode(doc, keyPath, atKey);
      return node?.range ? at(node.range[0]) : undefined;
    },
    hasAnchor(keyPath) {
      const node = findNode(doc, keyPath, false);
      return node !== undefined && !isAlias(node) && node.anchor !== undefined;
    },
  };
  return { kind: 'ok', source };
}

/** Where a `<<` merge key takes something other than a map (or a list of maps), if anywhere. */
function badMergeOffset(doc: Document): number | undefined {
  let offset: number | undefined;
  const isMapNode = (node: unknown): boolean => isMap(isAlias(node) ? node.resolve(doc) : node);
  visit(doc, {
    Pair(_, pair) {
      if (!isScalar(pair.key) || typeof pair.key.value !== 'symbol') return undefined;
      const value = pair.value;
      const isGood = isSeq(value) ? value.items.every(isMapNode) : isMapNode(value);
      if (isGood) return undefined;
      offset = (isNode(value) ? value.range?.[0] : undefined) ?? pair.key.range?.[0];
      return visit.BREAK;
    },
  });
  return offset;
}

function describeSyntaxError(code: string, message: string, key: string | undefined): string {
  if (code === 'DUPLICATE_KEY') {
    const which = key === undefined ? 'a duplicate key' : `duplicate key '${key}'`;
    return `YAML error: ${which}; the keys of a mapping (e.g. buffer and worker names) must be unique`;
  }
  if (code === 'MULTIPLE_DOCS') {
    return `YAML error: more than one YAML document (a '---' line); a setup or config file is one document`;
  }
  return `YAML syntax error: ${message}`;
}

/** The text of the map key written at `offset`, if one is. */
function keyAt(doc: Document, offset: number): string | undefined {
  let key: string | undefined;
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.range?.[0] === offset) {
        key = String(pair.key.value);
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return key;
}

function describeReadError(error: unknown): string {
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  if (code === 'ENOENT') return 'not found';
  if (code === 'EISDIR') return 'is a directory, not a file';
  if (code === 'EACCES') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}

// Walks the document like toJS does: through aliases, and into `<<` merge sources for keys a map
// does not set itself, so a problem in a template is shown where the template is written.
function findNode(doc: Document, keyPath: KeyPath, atKey: boolean): Node | undefined {
  let node: Node | undefined = doc.contents ?? undefined;
  for (const [index, segment] of keyPath.entries()) {
    node = deref(doc, node);
    const isLast = index === keyPath.length - 1;
    if (isSeq(node) && typeof segment === 'number') {
      const item: unknown = node.items[segment];
      node = isNode(item) ? item : undefined;
    } else if (isMap(node)) {
      const pair = findPair(doc, node, String(segment), 0);
      if (pair === undefined) return undefined;
      node = isLast && atKey ? pair.key : pair.value;
    } else {
      return undefined;
    }
  }
  return node;
}

interface NodePair {
  key: Node | undefined;
  value: Node | undefined;
}

function findPair(doc: Document, map: Node, key: string, depth: number): NodePair | undefined {
  if (!isMap(map) || depth > 20) return undefined;
  const merges: Node[] = [];
  for (const pair of map.items) {
    const keyNode = isNode(pair.key) ? pair.key : undefined;
    const valueNode = isNode(pair.value) ? pair.value : undefined;
    if (isScalar(keyNode) && typeof keyNode.value === 'symbol') {
      if (valueNode !== undefined) merges.push(valueNode);
    } else if (isScalar(keyNode) && String(keyNode.value) === key) {
      return { key: keyNode, value: valueNode };
    }
  }
  for (const merge of merges) {
    const resolved = deref(doc, merge);
    const sources = isSeq(resolved) ? resolved.items.filter(isNode) : [merge];
    for (const mergeSource of sources) {
      const found = findPair(doc, deref(doc, mergeSource) ?? mergeSource, key, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

function deref(doc: Document, node: Node | undefined): Node | undefined {
  return isAlias(node) ? node.resolve(doc) : node;
}

function isNode(value: unknown): value is Node {
  return isAlias(value) || isScalar(value) || isMap(value) || isSeq(value);
}
