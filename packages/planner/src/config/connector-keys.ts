import type { FlatEntry } from './flatten.js';

/** File-reading keys Velostream's file sources take from a `data_source:` / `datasource:` block. */
const FILE_SOURCE_KEYS = new Set([
  'format',
  'has_headers',
  'header',
  'delimiter',
  'quote',
  'skip_lines',
  'max_records',
  'watching',
  'polling_interval',
]);

/** Keys whose value is a file path, resolved against the directory of the YAML that set it. */
const PATH_KEYS = new Set(['path', 'file.path', 'data_source.path', 'datasource.path']);

/** Maps a flattened key to the connector key it stands for, or undefined when it stands for itself. */
interface KeyAlias {
  readonly target: (key: string) => string | undefined;
}

const exact = (from: string, to: string): KeyAlias => ({ target: (key) => (key === from ? to : undefined) });
const stripPrefix = (prefix: string, only?: ReadonlySet<string>): KeyAlias => ({
  target: (key) => {
    if (!key.startsWith(prefix) || key.length === prefix.length) return undefined;
    const rest = key.slice(prefix.length);
    return only === undefined || only.has(rest) ? rest : undefined;
  },
});

/**
 * Velostream's YAML spellings of connector keys, weakest first: when two from the same file give the
 * same key, the later one wins, and any of them beats a plain key of that name (`topic.name` beats `topic`).
 */
const ALIASES: readonly KeyAlias[] = [
  stripPrefix('data_source.', FILE_SOURCE_KEYS),
  stripPrefix('datasource.', FILE_SOURCE_KEYS),
  {
    target: (key) =>
      key.startsWith('schema.') && !key.startsWith('schema.fields') ? key.slice('schema.'.length) : undefined,
  },
  stripPrefix('datasource.schema.'),
  stripPrefix('datasink.schema.'),
  stripPrefix('datasource.consumer_config.'),
  stripPrefix('datasink.producer_config.'),
  exact('data_source.path', 'path'),
  exact('datasource.path', 'path'),
  exact('file.path', 'path'),
  // Some Velostream configs nest the topic inside the datasource/datasink block.
  exact('datasource.topic.name', 'topic'),
  exact('datasink.topic.name', 'topic'),
  exact('topic.name', 'topic'),
];

/** True for the flattened keys of `schema.fields`, which become the declared schema instead. */
export function isSchemaFieldKey(key: string): boolean {
  return key === 'schema.fields' || key.startsWith('schema.fields[') || key.startsWith('schema.fields.');
}

/**
 * Connector properties from flattened YAML keys, read the way Velostream reads them (the `ALIASES`
 * table; `docs/connectors.md` lists it). A key that was mapped is replaced by its target, so a `.sql` key can override it by the plain
 * name; every other key is kept as written, for connectors to warn about.
 * When several keys give one property, the one set by the file nearest the asked-for file wins
 * (`depthOf`: 0 for that file, 1 for what it extends, …), then the stronger spelling.
 * `resolvePath` turns a path value into the path to open.
 */
export function connectorPropertiesFromYaml(
  flat: ReadonlyMap<string, FlatEntry>,
  depthOf: (entry: FlatEntry) => number,
  resolvePath: (entry: FlatEntry) => string,
): Record<string, string> {
  const chosen = new Map<
    string,
    { readonly entry: FlatEntry; readonly key: string; readonly depth: number; readonly rank: number }
  >();
  const offer = (target: string, key: string, entry: FlatEntry, rank: number): void => {
    const depth = depthOf(entry);
    const current = chosen.get(target);
    if (current === undefined || depth < current.depth || (depth === current.depth && rank > current.rank)) {
      chosen.set(target, { entry, key, depth, rank });
    }
  };
  for (const [key, entry] of flat) {
    if (isSchemaFieldKey(key)) continue;
    let mapped = false;
    ALIASES.forEach((alias, rank) => {
      const target = alias.target(key);
      if (target === undefined) return;
      mapped = true;
      offer(target, key, entry, rank);
    });
    // A plain key is weaker than any spelling that maps onto it from the same file.
    if (!mapped) offer(key, key, entry, -1);
  }
  // fromEntries defines own properties, so a YAML key named `__proto__` stays a key.
  return Object.fromEntries(
    [...chosen].map(([target, { entry, key }]) => [target, PATH_KEYS.has(key) ? resolvePath(entry) : entry.value]),
  );
}
