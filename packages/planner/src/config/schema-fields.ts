import { Schema, SqlTypes, decimalType, field, type Field, type SqlType, type VeloError } from '@velots/core';
import { DEFAULT_DECIMAL_PRECISION, DEFAULT_DECIMAL_SCALE } from '@velots/sql-parser';
import { isYamlList, type YamlPathSegment, type YamlValue } from './yaml-tree.js';

/** What a YAML `schema.fields` list declares. */
export interface DeclaredFields {
  readonly schema: Schema | undefined;
  /** Fields marked `key: true` (or Velostream's `primary_key: true`), else those named by `table.primary_key`. */
  readonly keyFields: string[];
  /** The `format` written on a field (e.g. a timestamp pattern), by field name. */
  readonly fieldFormats: Record<string, string>;
}

/** Reports a problem at a path of the merged tree; the caller knows which file and line that is. */
export type FieldProblem = (path: readonly YamlPathSegment[], problem: string, cause?: unknown) => VeloError;

const SIMPLE_TYPES: Readonly<Record<string, SqlType>> = {
  string: SqlTypes.STRING,
  varchar: SqlTypes.STRING,
  text: SqlTypes.STRING,
  // Velo TS has no TIME type; Velostream's reference tables declare `time` columns ("09:30:00"), kept as text.
  time: SqlTypes.STRING,
  integer: SqlTypes.BIGINT,
  int: SqlTypes.BIGINT,
  bigint: SqlTypes.BIGINT,
  long: SqlTypes.BIGINT,
  float: SqlTypes.DOUBLE,
  double: SqlTypes.DOUBLE,
  boolean: SqlTypes.BOOLEAN,
  bool: SqlTypes.BOOLEAN,
  timestamp: SqlTypes.TIMESTAMP,
  date: SqlTypes.DATE,
  bytes: SqlTypes.BYTES,
};
const TYPE_NAMES = [...Object.keys(SIMPLE_TYPES), 'decimal'].sort().join(', ');

const FIELDS_PATH = ['schema', 'fields'] as const;

/** The schema declared by `schema.fields` of a (merged, substituted) config tree, if any. */
export function declaredFields(tree: YamlValue, problemAt: FieldProblem): DeclaredFields {
  const schemaNode = tree instanceof Map ? tree.get('schema') : undefined;
  const list = schemaNode instanceof Map ? schemaNode.get('fields') : undefined;
  const fromTable = tablePrimaryKey(tree);
  if (list === undefined || list === null) return { schema: undefined, keyFields: fromTable, fieldFormats: {} };
  if (!isYamlList(list)) throw problemAt(FIELDS_PATH, "'schema.fields' must be a list of fields ({name, type, …})");
  const fields: Field[] = [];
  const keyFields: string[] = [];
  const formats = new Map<string, string>();
  const seen = new Set<string>();
  list.forEach((item, index) => {
    const at = (...rest: YamlPathSegment[]): YamlPathSegment[] => [...FIELDS_PATH, index, ...rest];
    if (!(item instanceof Map))
      throw problemAt(at(), `schema field #${index + 1} must be a mapping with 'name' and 'type'`);
    const name = item.get('name');
    if (typeof name !== 'string' || name === '') throw problemAt(at(), `schema field #${index + 1} has no 'name'`);
    if (seen.has(name)) throw problemAt(at('name'), `schema field '${name}' is declared twice`);
    seen.add(name);
    const nullable = flag(item.get('nullable'), true, at('nullable'), name, 'nullable', problemAt);
    fields.push(field(name, fieldType(item, name, at, problemAt), nullable));
    const isKey = flag(item.get('key'), false, at('key'), name, 'key', problemAt);
    if (isKey || flag(item.get('primary_key'), false, at('primary_key'), name, 'primary_key', problemAt))
      keyFields.push(name);
    const format = item.get('format');
    if (typeof format === 'string') formats.set(name, format);
  });
  const fieldFormats = Object.fromEntries(formats);
  if (fields.length === 0) return { schema: undefined, keyFields: fromTable, fieldFormats };
  if (keyFields.length === 0) {
    for (const key of fromTable) {
      if (!seen.has(key))
        throw problemAt(
          ['table', 'primary_key'],
          `'table.primary_key' names '${key}', which is not in 'schema.fields'`,
        );
    }
    keyFields.push(...fromTable);
  }
  return { schema: new Schema(fields), keyFields, fieldFormats };
}

function fieldType(
  item: ReadonlyMap<string, YamlValue>,
  name: string,
  at: (...rest: YamlPathSegment[]) => YamlPathSegment[],
  problemAt: FieldProblem,
): SqlType {
  const written = item.get('type');
  if (typeof written !== 'string' || written === '') throw problemAt(at(), `schema field '${name}' has no 'type'`);
  const lower = written.trim().toLowerCase();
  if (lower === 'decimal' || lower === 'numeric') {
    const precision = wholeNumber(item.get('precision'), DEFAULT_DECIMAL_PRECISION, at('precision'), name, problemAt);
    const scale = wholeNumber(
      item.get('scale'),
      item.has('precision') ? 0 : DEFAULT_DECIMAL_SCALE,
      at('scale'),
      name,
      problemAt,
    );
    try {
      return decimalType(precision, scale);
    } catch (error) {
      throw problemAt(at('type'), `schema field '${name}': ${(error as Error).message}`, error);
    }
  }
  const type = SIMPLE_TYPES[lower];
  if (type === undefined)
    throw problemAt(at('type'), `schema field '${name}' has unknown type '${written}' (known: ${TYPE_NAMES})`);
  return type;
}

function wholeNumber(
  value: YamlValue | undefined,
  fallback: number,
  path: readonly YamlPathSegment[],
  name: string,
  problemAt: FieldProblem,
): number {
  if (value === undefined || value === null) return fallback;
  const n = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n))
    throw problemAt(path, `schema field '${name}': '${String(path[path.length - 1])}' must be a whole number`);
  return n;
}

function flag(
  value: YamlValue | undefined,
  fallback: boolean,
  path: readonly YamlPathSegment[],
  name: string,
  what: string,
  problemAt: FieldProblem,
): boolean {
  if (value === undefined || value === null) return fallback;
  const lower = typeof value === 'string' ? value.trim().toLowerCase() : '';
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  throw problemAt(path, `schema field '${name}': '${what}' must be true or false`);
}

/** Velostream tables name their key at table level: `table: {primary_key: symbol}` (or `a, b`). */
function tablePrimaryKey(tree: YamlValue): string[] {
  const table = tree instanceof Map ? tree.get('table') : undefined;
  const key = table instanceof Map ? table.get('primary_key') : undefined;
  if (typeof key !== 'string') return [];
  return key
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}
