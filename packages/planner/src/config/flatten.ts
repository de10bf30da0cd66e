import { isYamlList, type YamlMapping, type YamlPathSegment, type YamlValue } from './yaml-tree.js';

/** A leaf of a flattened YAML tree: its text and the path it was found at. */
export interface FlatEntry {
  readonly value: string;
  readonly path: readonly YamlPathSegment[];
}

/**
 * Flattens a tree to dotted keys: `a.b.c`, lists as `a[0]` and `a[1].name`. Keys that already hold dots
 * (`bootstrap.servers`) are kept as written. Empty values, mappings and lists produce no key.
 */
export function flattenYaml(tree: YamlMapping): Map<string, FlatEntry> {
  const out = new Map<string, FlatEntry>();
  const visit = (node: YamlValue, key: string, path: readonly YamlPathSegment[]): void => {
    if (node === null) return;
    if (typeof node === 'string') {
      out.set(key, { value: node, path });
    } else if (isYamlList(node)) {
      node.forEach((item, index) => visit(item, `${key}[${index}]`, [...path, index]));
    } else {
      for (const [child, value] of node) visit(value, key === '' ? child : `${key}.${child}`, [...path, child]);
    }
  };
  visit(tree, '', []);
  return out;
}

/** The dotted key of a path, as `flattenYaml` writes it. */
export function dottedKey(path: readonly YamlPathSegment[]): string {
  let key = '';
  for (const segment of path)
    key += typeof segment === 'number' ? `[${segment}]` : key === '' ? segment : `.${segment}`;
  return key;
}

/** A copy of the tree with `substitute` applied to every scalar (given its path). */
export function mapScalars(
  node: YamlValue,
  substitute: (value: string, path: readonly YamlPathSegment[]) => string,
  path: readonly YamlPathSegment[] = [],
): YamlValue {
  if (node === null) return null;
  if (typeof node === 'string') return substitute(node, path);
  if (isYamlList(node)) return node.map((item, index) => mapScalars(item, substitute, [...path, index]));
  const out = new Map<string, YamlValue>();
  for (const [key, value] of node) out.set(key, mapScalars(value, substitute, [...path, key]));
  return out;
}
