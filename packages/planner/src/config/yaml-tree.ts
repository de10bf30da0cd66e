import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type Scalar } from 'yaml';
import { configError, type YamlPlace } from './config-error.js';

/**
 * A YAML document as plain data. Every scalar is kept as the text it was written as (`1.10` stays
 * `1.10`, `True` stays `True`): configuration values become string properties, and a number
 * round-tripped through a double would change them. `null` is an empty value (`key:` or `~`).
 */
export type YamlValue = string | null | YamlList | YamlMapping;
export type YamlList = readonly YamlValue[];
/** A Map, not an object: keys like `__proto__` are data here. */
export type YamlMapping = ReadonlyMap<string, YamlValue>;

/** True for a YAML list (`Array.isArray` does not narrow readonly arrays). */
export function isYamlList(value: YamlValue | undefined): value is YamlList {
  return Array.isArray(value);
}

/** A step into a tree: a mapping key or a list index. */
export type YamlPathSegment = string | number;

/** A parsed YAML file: its tree and a way to find where a path of it was written. */
export interface ParsedYaml {
  readonly file: string;
  readonly tree: YamlMapping;
  /** The place of the value at `path` in this file, or just the file when it cannot be found. */
  placeOf(path: readonly YamlPathSegment[]): YamlPlace;
}

/** Aliases can expand a small file into a huge tree ("billion laughs"); configs never need this many nodes. */
const MAX_NODES = 1_000_000;

type AnyNode = ReturnType<Document['createNode']>;

/** Parses YAML text into a tree; bad YAML, or a document that is not a mapping, is a CONFIG error with line and column. */
export function parseYaml(text: string, file: string, referencedBy: string | undefined): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const placeAt = (offset: number): YamlPlace => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  const first = doc.errors[0];
  if (first) {
    const pos = first.linePos?.[0];
    const place = pos ? { file, line: pos.line, column: pos.col } : placeAt(first.pos[0]);
    throw configError(place, `invalid YAML: ${firstLine(first.message)}`, referencedBy, first);
  }
  let budget = MAX_NODES;
  const expanding = new Set<unknown>();
  const convert = (node: unknown): YamlValue => {
    if (--budget < 0)
      throw configError({ file }, `YAML expands to more than ${MAX_NODES} nodes (aliases)`, referencedBy);
    if (node === null || node === undefined) return null;
    if (isAlias(node)) {
      const target = node.resolve(doc);
      if (target === undefined || expanding.has(target)) {
        throw configError(placeAt(node.range?.[0] ?? 0), `alias *${node.source} cannot be resolved`, referencedBy);
      }
      expanding.add(target);
      try {
        return convert(target);
      } finally {
        expanding.delete(target);
      }
    }
    if (isScalar(node)) return scalarText(node);
    if (isSeq(node)) return node.items.map((item) => convert(item));
    if (isMap(node)) {
      const out = new Map<string, YamlValue>();
      for (const pair of node.items) {
        const key = convert(pair.key);
        if (typeof key !== 'string') {
          const at = (pair.key as AnyNode | null)?.range?.[0] ?? node.range?.[0] ?? 0;
          throw configError(placeAt(at), 'a mapping key must be a plain value, not a list or mapping', referencedBy);
        }
        out.set(key, convert(pair.value));
      }
      return out;
    }
    throw configError({ file }, 'unsupported YAML node', referencedBy);
  };
  const tree = convert(doc.contents);
  if (tree !== null && !(tree instanceof Map)) {
    throw configError(
      placeAt(doc.contents?.range?.[0] ?? 0),
      'the top level must be a mapping of keys to values',
      referencedBy,
    );
  }
  return {
    file,
    tree: tree ?? new Map(),
    placeOf(path) {
      const node = doc.getIn(path, true) as AnyNode | undefined;
      const start = node?.range?.[0];
      return start === undefined ? { file } : placeAt(start);
    },
  };
}

function scalarText(node: Scalar): string | null {
  const value: unknown = node.value;
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  // Plain numbers and booleans keep their written text; values built without source fall back to String.
  return node.source ?? String(value);
}

function firstLine(message: string): string {
  const end = message.indexOf('\n');
  return (end === -1 ? message : message.slice(0, end)).replace(/ at line \d+, column \d+:?$/, '');
}
