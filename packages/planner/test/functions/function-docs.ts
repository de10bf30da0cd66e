import { renderAggregateSection } from '../aggregates/aggregate-docs.js';
import { Decimal } from '@velots/decimal';
import { SqlTypes, arrayType, type SqlType, type SqlValue } from '@velots/core';
import { allScalarFunctions } from '../../src/functions/catalog.js';
import type { FunctionCategory } from '../../src/functions/function-def.js';
import { valueToText } from '../../src/values/value-text.js';
import { callIn, interval, ts, typed, typeOfLiteral, type Typed } from './call.js';
import type { EvalContext } from '../../src/functions/function-def.js';

/**
 * Renders docs/functions.md from the catalog: each function's one-line description, its NULL
 * behaviour and an example whose result is computed by the code itself, so the page cannot drift.
 */

const T = 1710498600123; // 2024-03-15T10:30:00.123Z
const dec = (t: string): SqlValue => Decimal.parse(t);

/** One example per canonical function: its SQL text and the argument values it stands for. */
const EXAMPLES: Readonly<Record<string, readonly [string, ...(SqlValue | Typed)[]]>> = {
  ABS: ['ABS(-2.50)', dec('-2.50')],
  ROUND: ['ROUND(2.345, 2)', dec('2.345'), 2],
  CEIL: ['CEIL(1.2)', dec('1.2')],
  FLOOR: ['FLOOR(-1.2)', dec('-1.2')],
  SQRT: ['SQRT(16)', 16],
  POWER: ['POWER(2, 10)', 2, 10],
  MOD: ['MOD(-7, 3)', -7, 3],
  LEAST: ['LEAST(3, NULL, 1)', 3, null, 1],
  GREATEST: ['GREATEST(3, NULL, 1)', 3, null, 1],
  EXP: ['EXP(0)', 0],
  LN: ['LN(1)', 1],
  LOG10: ['LOG10(1000)', 1000],
  LOG: ['LOG(2, 8)', 2, 8],
  SIGN: ['SIGN(-4)', -4],
  PI: ['PI()'],
  RAND: ['RAND()'],
  UPPER: ["UPPER('abc')", 'abc'],
  LOWER: ["LOWER('ABC')", 'ABC'],
  TRIM: ["TRIM('  a  ')", '  a  '],
  LTRIM: ["LTRIM('  a  ')", '  a  '],
  RTRIM: ["RTRIM('  a  ')", '  a  '],
  SUBSTRING: ["SUBSTRING('hello', 2, 3)", 'hello', 2, 3],
  LEFT: ["LEFT('hello', 2)", 'hello', 2],
  RIGHT: ["RIGHT('hello', 2)", 'hello', 2],
  LENGTH: ["LENGTH('añb')", 'añb'],
  REPLACE: ["REPLACE('a.b.c', '.', '-')", 'a.b.c', '.', '-'],
  POSITION: ["POSITION('lo', 'hello')", 'lo', 'hello'],
  CONCAT: ["CONCAT('a', NULL, 'b', 1)", 'a', null, 'b', 1],
  CONCAT_WS: ["CONCAT_WS(',', 'a', NULL, 'b')", ',', 'a', null, 'b'],
  JOIN: ["JOIN('|', 'a', NULL)", '|', 'a', null],
  SPLIT: ["SPLIT('a,b,c', ',')", 'a,b,c', ','],
  SPLIT_PART: ["SPLIT_PART('a,b,c', ',', 2)", 'a,b,c', ',', 2],
  REVERSE: ["REVERSE('abc')", 'abc'],
  LPAD: ["LPAD('7', 3, '0')", '7', 3, '0'],
  RPAD: ["RPAD('ab', 4, '.')", 'ab', 4, '.'],
  INITCAP: ["INITCAP('hello wORLD')", 'hello wORLD'],
  REPEAT: ["REPEAT('ab', 3)", 'ab', 3],
  STARTS_WITH: ["STARTS_WITH('kafka://x', 'kafka')", 'kafka://x', 'kafka'],
  ENDS_WITH: ["ENDS_WITH('in.csv', '.csv')", 'in.csv', '.csv'],
  REGEXP: ["REGEXP('order-42', '\\d+')", 'order-42', '\\d+'],
  REGEXP_REPLACE: ["REGEXP_REPLACE('a1b22', '\\d+', '#', 'g')", 'a1b22', '\\d+', '#', 'g'],
  REGEXP_EXTRACT: ["REGEXP_EXTRACT('id=42', 'id=(\\d+)', 1)", 'id=42', 'id=(\\d+)', 1],
  NOW: ['NOW()'],
  TIMESTAMP: ['TIMESTAMP()'],
  CURRENT_DATE: ['CURRENT_DATE()'],
  CURRENT_TIME: ['CURRENT_TIME()'],
  EXTRACT: ['EXTRACT(DOW FROM ts)', 'DOW', ts(T)],
  DATE_FORMAT: ["DATE_FORMAT(ts, '%Y-%m-%d %H:%M')", ts(T), '%Y-%m-%d %H:%M'],
  DATEDIFF: ["DATEDIFF('months', TIMESTAMP '2024-01-31', TIMESTAMP '2024-03-30')", 'months', ts(Date.UTC(2024, 0, 31)), ts(Date.UTC(2024, 2, 30))],
  FROM_UNIXTIME: ['FROM_UNIXTIME(1710498600)', 1710498600],
  UNIX_TIMESTAMP: ['UNIX_TIMESTAMP(ts)', ts(T)],
  TUMBLE_START: ["TUMBLE_START(ts, INTERVAL '1' HOUR)", ts(T), interval(3_600_000)],
  TUMBLE_END: ["TUMBLE_END(ts, INTERVAL '1' HOUR)", ts(T), interval(3_600_000)],
  DATE_TRUNC: ["DATE_TRUNC('week', ts)", 'week', ts(T)],
  DATE_ADD: ["DATE_ADD(ts, 1, 'month')", ts(T), 1, 'month'],
  DATE_SUB: ["DATE_SUB(ts, INTERVAL '1' DAY)", ts(T), interval(86_400_000)],
  DATE: ["DATE('03/15/2024')", '03/15/2024'],
  TIME: ['TIME(ts)', ts(T)],
  TO_DATE: ["TO_DATE('15.03.2024', '%d.%m.%Y')", '15.03.2024', '%d.%m.%Y'],
  TO_TIMESTAMP: ["TO_TIMESTAMP('2024-03-15 10:30:00')", '2024-03-15 10:30:00'],
  COALESCE: ['COALESCE(NULL, 2, 3)', null, 2, 3],
  IFNULL: ["IFNULL(NULL, 'x')", null, 'x'],
  NULLIF: ['NULLIF(1, 1.00)', 1, dec('1.00')],
  IF: ["IF(FALSE, 'yes', 'no')", false, 'yes', 'no'],
  JSON_VALUE: ['JSON_VALUE(\'{"a":{"b":[1,2]}}\', \'$.a.b[1]\')', '{"a":{"b":[1,2]}}', '$.a.b[1]'],
  JSON_QUERY: ['JSON_QUERY(\'{"a":{"b":[1,2]}}\', \'$.a\')', '{"a":{"b":[1,2]}}', '$.a'],
  JSON_EXISTS: ["JSON_EXISTS('not json', '$.a')", 'not json', '$.a'],
  JSON_OBJECT: ["JSON_OBJECT('id', 7, 'price', 1.50)", 'id', 7, 'price', dec('1.50')],
  JSON_ARRAY: ["JSON_ARRAY(1, 'a', NULL)", 1, 'a', null],
  ARRAY: ['ARRAY(1, NULL, 3)', 1, null, 3],
  MAP: ["MAP('a', 1, 'b', 2)", 'a', 1, 'b', 2],
  ARRAY_LENGTH: ["ARRAY_LENGTH('[1,2,3]')", '[1,2,3]'],
  CARDINALITY: ['CARDINALITY(ARRAY(1, 2))', typed([1, 2], arrayType(SqlTypes.BIGINT))],
  ARRAY_CONTAINS: ['ARRAY_CONTAINS(ARRAY(1, 2), 2.0)', typed([1, 2], arrayType(SqlTypes.BIGINT)), dec('2.0')],
  ARRAY_DISTINCT: ['ARRAY_DISTINCT(ARRAY(3, 1, 3))', typed([3, 1, 3], arrayType(SqlTypes.BIGINT))],
  MAP_KEYS: ['MAP_KEYS(\'{"x":1,"y":2}\')', '{"x":1,"y":2}'],
  MAP_VALUES: ["MAP_VALUES(MAP('a', 1))", typed(new Map([['a', 1]]), typeOfLiteral(new Map([['a', 1]])))],
  HEADER: ["HEADER('trace-id')", 'trace-id'],
  HAS_HEADER: ["HAS_HEADER('trace-id')", 'trace-id'],
  HEADER_KEYS: ['HEADER_KEYS()'],
  SET_HEADER: ["SET_HEADER('source', 'velo')", 'source', 'velo'],
  REMOVE_HEADER: ["REMOVE_HEADER('trace-id')", 'trace-id'],
  MD5: ["MD5('abc')", 'abc'],
  SHA1: ["SHA1('abc')", 'abc'],
  SHA256: ["SHA256('abc')", 'abc'],
  SHA512: ["LENGTH(SHA512('abc'))"],
  HASH: ["HASH('velo') = HASH('velo')"],
  STRUCT: ["STRUCT('id', 7, 'name', 'a')"],
  ARRAY_EXTRACT: ['tags[-1]'],
  STRUCT_EXTRACT: ['user.geo.city'],
  UUID: ['UUID()'],
};

/** Examples whose result changes between runs or needs more than one call: described instead of computed. */
const DESCRIBED_RESULTS: Readonly<Record<string, string>> = {
  RAND: 'a DOUBLE in [0, 1), e.g. `0.8124…`',
  UUID: "a fresh UUID, e.g. `'3b241101-e2bb-4255-8caf-4136c566a962'`",
  SHA512: '`128`',
  HASH: '`TRUE` (the same value always hashes alike, also across runs)',
  STRUCT: "`{\"id\":7,\"name\":\"a\"}` as STRUCT(id BIGINT, name STRING)",
  ARRAY_EXTRACT: "the last element of `tags` (`ARRAY_EXTRACT(tags, -1)`; `tags[1]` is the first)",
  STRUCT_EXTRACT: "field `city` of STRUCT `geo` of STRUCT column `user` (`STRUCT_EXTRACT(STRUCT_EXTRACT(user, 'geo'), 'city')`)",
};

const CATEGORY_TITLES: readonly [FunctionCategory, string][] = [
  ['math', 'Math'],
  ['string', 'String'],
  ['regex', 'Regular expressions'],
  ['time', 'Time'],
  ['conditional', 'Conditional'],
  ['json', 'JSON'],
  ['collection', 'Collections'],
  ['header', 'Record headers'],
  ['hash', 'Hashing'],
  ['system', 'System'],
];

function exampleContext(): EvalContext {
  return { now: T, recordTimestamp: T - 250, headers: { 'trace-id': 'abc123' }, outputHeaders: new Map() };
}

function sqlLiteral(v: SqlValue, type: SqlType): string {
  if (v === null) return 'NULL';
  const text = valueToText(v, type);
  switch (type.kind) {
    case 'STRING':
      return `'${text}'`;
    case 'BOOLEAN':
      return text.toUpperCase();
    case 'TIMESTAMP':
      return `TIMESTAMP '${text}'`;
    case 'DATE':
      return `DATE '${text}'`;
    default:
      return text;
  }
}

/** The EXTRACT shorthands (YEAR(ts) …) share one example shape. */
const SHORTHANDS = ['YEAR', 'QUARTER', 'MONTH', 'WEEK', 'DAY', 'DAYOFMONTH', 'DOY', 'DAYOFYEAR', 'DOW', 'DAYOFWEEK', 'HOUR', 'MINUTE', 'SECOND', 'MILLISECOND', 'MICROSECOND', 'NANOSECOND', 'EPOCH'];

function renderExample(name: string): string {
  const example = EXAMPLES[name] ?? (SHORTHANDS.includes(name) ? ([`${name}(ts)`, ts(T)] as const) : undefined);
  if (!example) throw new Error(`function-docs: no example for ${name}`);
  const [sql, ...args] = example;
  const described = DESCRIBED_RESULTS[name];
  if (described) return `\`${sql}\` → ${described}`;
  const fn = allScalarFunctions.find((f) => f.name === name);
  const types = args.map((a) => (typeof a === 'object' && a !== null && 'typed' in a ? (a as Typed).type : typeOfLiteral(a as SqlValue)));
  const result = fn?.resolve(types).result ?? SqlTypes.NULL;
  return `\`${sql}\` → \`${sqlLiteral(callIn(exampleContext(), name, ...args), result)}\``;
}

/** The whole reference page. */
export function renderFunctionReference(): string {
  const lines: string[] = [
    '# Velo TS scalar functions',
    '',
    'Every scalar function of the SQL dialect (`sql-dialect.md` §9), generated from the function catalog',
    '(`packages/planner/src/functions/`) by `packages/planner/test/functions/docs.test.ts`: run',
    '`UPDATE_FUNCTION_DOCS=1 pnpm exec vitest run --project planner docs` after changing a function.',
    'Each example result is computed by the code.',
    '',
    'Conventions:',
    '- `ts` is a TIMESTAMP, a DATE, BIGINT epoch milliseconds or ISO-8601 text; everything is UTC.',
    '  Examples use `ts` = `TIMESTAMP \'2024-03-15T10:30:00.123\'`.',
    '- String parameters accept any scalar and see its text (`CONCAT(\'id-\', 42)`).',
    '- **NULL**: "propagates" means any NULL argument gives NULL; otherwise the entry says what NULL does.',
    '- A function given an argument outside its domain (`SQRT(-1)`, an unknown unit) raises a record error',
    '  (`INVALID_ARGUMENT`; a failed conversion `CAST_FAILED`) that sends the record to the failure strategy.',
    '- Division and `MOD` by zero give NULL.',
    "- `JOIN(sep, …)` is called like any function, although JOIN is also the join keyword: `JOIN(', ', first, last)`.",
    "- SQL's keyword forms are read as the calls: `SUBSTRING(s FROM 2 FOR 3)` is `SUBSTRING(s, 2, 3)`, and",
    "  `TRIM([BOTH | LEADING | TRAILING] ['x'] FROM s)` is `TRIM`, `LTRIM` or `RTRIM(s[, 'x'])`.",
    "- Time values can be written as literals: `DATE '2024-03-15'`, `TIMESTAMP '2024-03-15 10:30:00.123'` (UTC unless a zone",
    "  is written), and `TIME '10:30:00'`, which is the text `TIME(ts)` returns (`TIME(ts) = TIME '10:30:00.123'`).",
    '',
  ];
  for (const [category, title] of CATEGORY_TITLES) {
    const fns = allScalarFunctions.filter((f) => f.category === category).sort((a, b) => a.name.localeCompare(b.name));
    if (fns.length === 0) continue;
    lines.push(`## ${title}`, '', '| Function | Meaning | NULL | Example |', '|---|---|---|---|');
    for (const fn of fns) {
      const [signature, meaning] = splitDescription(fn.description);
      const aliases = fn.aliases.length > 0 ? ` (also ${fn.aliases.join(', ')})` : '';
      const nulls = fn.maxArgs === 0 ? '—' : fn.nulls === 'propagate' ? 'propagates' : 'see meaning';
      lines.push(`| \`${signature}\`${aliases} | ${escapeCell(meaning)} | ${nulls} | ${escapeCell(renderExample(fn.name))} |`);
    }
    lines.push('');
  }
  lines.push(`CAST(x AS type) is described in \`sql-dialect.md\` §8; its rules live in \`packages/planner/src/values/cast.ts\`.`, '');
  return `${lines.join('\n')}\n${renderAggregateSection()}`;
}

function splitDescription(description: string): [string, string] {
  const i = description.indexOf(': ');
  return i < 0 ? [description, ''] : [description.slice(0, i), description.slice(i + 2)];
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

