import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { configError, type YamlPlace } from './config-error.js';
import {
  isYamlList,
  parseYaml,
  type ParsedYaml,
  type YamlMapping,
  type YamlPathSegment,
  type YamlValue,
} from './yaml-tree.js';

/** A config file with its `extends:` chain merged in. */
export interface MergedYaml {
  /** The file that was asked for (absolute). */
  readonly file: string;
  /** The merged tree, without `extends` keys. */
  readonly tree: YamlMapping;
  /** The parsed files, the asked-for file first and its furthest ancestor last. */
  readonly chain: readonly ParsedYaml[];
}

/**
 * Reads `file` and the files it `extends:` (each resolved against the directory of the file that names
 * it), merging them so that the child wins. A missing file, bad YAML and a cycle are CONFIG errors.
 */
export function loadMergedYaml(file: string, referencedBy: string | undefined): MergedYaml {
  const chain: ParsedYaml[] = [];
  const tree = loadWithAncestors(file, [], chain, undefined, referencedBy);
  return { file, tree, chain };
}

/**
 * The file that supplied the value at `path` of the merged tree: the nearest file in the chain that
 * sets it. Exact for scalars and lists (a child's list replaces its parent's whole).
 */
export function originOf(merged: MergedYaml, path: readonly YamlPathSegment[]): ParsedYaml | undefined {
  return merged.chain.find((parsed) => valueAt(parsed.tree, path) !== null);
}

/** The value at `path` in a tree, or null when any step is missing. */
export function valueAt(tree: YamlValue, path: readonly YamlPathSegment[]): YamlValue {
  let node: YamlValue | undefined = tree;
  for (const segment of path) {
    if (node instanceof Map && typeof segment === 'string') node = node.get(segment);
    else if (isYamlList(node) && typeof segment === 'number') node = node[segment];
    else return null;
    if (node === undefined) return null;
  }
  return node;
}

/**
 * Deep merge where `child` wins: mappings merge key by key, anything else (lists included) is replaced.
 * An empty child value (`key:` with nothing after it) keeps the parent's, as Velostream's own
 * configs leave such keys behind (`datasource: {schema: }`) without meaning to erase the base.
 */
export function mergeYaml(parent: YamlValue, child: YamlValue): YamlValue {
  if (child === null) return parent;
  if (!(parent instanceof Map) || !(child instanceof Map)) return child;
  const out = new Map<string, YamlValue>(parent);
  for (const [key, value] of child) {
    const inherited = out.get(key);
    out.set(key, inherited === undefined ? value : mergeYaml(inherited, value));
  }
  return out;
}

function loadWithAncestors(
  file: string,
  descendants: readonly string[],
  chain: ParsedYaml[],
  namedAt: YamlPlace | undefined,
  referencedBy: string | undefined,
): YamlMapping {
  if (descendants.includes(file)) {
    const cycle = [...descendants, file].join(' → ');
    throw configError(namedAt ?? { file }, `extends cycle: ${cycle}`, referencedBy);
  }
  const parsed = parseYaml(readYamlText(file, namedAt, referencedBy), file, referencedBy);
  chain.push(parsed);
  const own = new Map(parsed.tree);
  const extendsValue = own.get('extends');
  own.delete('extends');
  if (extendsValue === undefined || extendsValue === null) return own;
  const extendsPlace = parsed.placeOf(['extends']);
  if (typeof extendsValue !== 'string')
    throw configError(extendsPlace, "'extends' must name one YAML file", referencedBy);
  const parentFile = resolve(dirname(file), extendsValue);
  const parent = loadWithAncestors(parentFile, [...descendants, file], chain, extendsPlace, referencedBy);
  return mergeYaml(parent, own) as YamlMapping;
}

function readYamlText(file: string, namedAt: YamlPlace | undefined, referencedBy: string | undefined): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const what = namedAt === undefined ? 'config file' : `extends file ${file}`;
    const problem = code === 'ENOENT' ? `${what} does not exist` : `${what} cannot be read (${code ?? String(error)})`;
    throw configError(namedAt ?? { file }, problem, referencedBy, error);
  }
}
