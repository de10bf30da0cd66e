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
 * Velostream's YAML spellings of connector keys, weakest first: when two of them give the same key,
 * the later one wins, and any of them beats a plain key of that name (`topic.name` beats `topic`).
 */
const ALIASES: readonly KeyAlias[] = [
  stripPrefix('data_source.', FILE_SOURCE_KEYS),
  stripPrefix('datasource.', FILE_SOURCE_KEYS),
  { target: (key) => (key.startsWith('schema.') && !key.startsWith('schema.fields') ? key.slice('schema.'.length) : undefined) },
  stripPrefix('datasource.schema.'),
  stripPrefix('datasink.schema.'),
  stripPrefix('datasource.consumer_config.'),
  stripPrefix('datasink.producer_config.'),
  exact('data_source.path', 'path'),
  exact('datasource.path', 'path'),
  exact('file.path', 'path'),
  exact('topic.name', 'topic'),
];

/** True for the flattened keys of `schema.fields`, which become the declared schema instead. */
export function isSchemaFieldKey(key: string): boolean {
  return key === 'schema.fields' || key.startsWith('schema.fields[') || key.startsWith('schema.fields.');
}

/**
 * Connector properties from flattened YAML keys, read the way Velostream reads them: `topic.name` →
 * `topic`, `file.path`/`data_source.path`/`datasource.path` → `path`, `data_source.format` → `format`,
 * `datasource.consumer_config.<k>` and `datasink.producer_config.<k>` → `<k>`, `[datasource.|datasink.]schema.<k>`
 * → `<k>`. A key that was mapped is replaced by its target, so a `.sql` key can override it by the plain
 * name; every other key is kept as written, for connectors to warn about.
 * `resolvePath` turns a path value (from `entry`) into the path to open.
 */
export function connectorPropertiesFromYaml(
  flat: ReadonlyMap<string, FlatEntry>,
  resolvePath: (entry: FlatEntry) => string,
): Record<string, string> {
  const plain = new Map<string, string>();
  const mapped = new Map<string, string>();
  for (let rank = 0; rank < ALIASES.length; rank++) {
    const alias = ALIASES[rank] as KeyAlias;
    for (const [key, entry] of flat) {
      const target = alias.target(key);
      if (target !== undefined) mapped.set(target, PATH_KEYS.has(key) ? resolvePath(entry) : entry.value);
    }
  }
  for (const [key, entry] of flat) {
    if (isSchemaFieldKey(key) || ALIASES.some((alias) => alias.target(key) !== undefined)) continue;
    plain.set(key, PATH_KEYS.has(key) ? resolvePath(entry) : entry.value);
  }
  for (const [key, value] of mapped) plain.set(key, value);
  return Object.fromEntries(plain);
}
