import { SqlTypes, type SqlType, type SqlValue } from '@velots/core';
import { allAggregateFunctions } from '../../src/aggregates/catalog.js';
import { valueToText } from '../../src/values/value-text.js';
import { aggregate, dec, decimal, type AggregateCall } from './run-aggregate.js';

/**
 * Renders the "Aggregates" section of docs/functions.md from the aggregate catalog: each aggregate's
 * one-line description, its NULL behaviour and an example whose result is computed by the code.
 */

const { BIGINT, DOUBLE, STRING } = SqlTypes;

interface Example {
  /** The call as written, and its input column(s) as shown. */
  readonly sql: string;
  readonly input: string;
  readonly call: AggregateCall;
  readonly rows: readonly (readonly SqlValue[])[];
}

const col = (...values: SqlValue[]) => values.map((v) => [v]);
const PAIRS = [
  [2, 1],
  [4, 2],
  [5, 3],
  [4, 4],
  [5, 5],
  [null, 6],
];
const pairExample = (name: string): Example => ({
  sql: `${name}(y, x)`,
  input: '(y, x) = (2, 1), (4, 2), (5, 3), (4, 4), (5, 5), (NULL, 6)',
  call: { name, argTypes: [DOUBLE, DOUBLE] },
  rows: PAIRS,
});
const textbook = (name: string): Example => ({
  sql: `${name}(x)`,
  input: 'x = 2, 4, 4, 4, 5, 5, 7, 9, NULL',
  call: { name, argTypes: [BIGINT] },
  rows: col(2, 4, 4, 4, 5, 5, 7, 9, null),
});

const EXAMPLES: Readonly<Record<string, Example>> = {
  COUNT: {
    sql: 'COUNT(x)',
    input: 'x = 1, NULL, 3',
    call: { name: 'COUNT', argTypes: [BIGINT] },
    rows: col(1, null, 3),
  },
  COUNT_DISTINCT: {
    sql: 'COUNT_DISTINCT(x)',
    input: 'x = 1.1, 1.10, 2, NULL',
    call: { name: 'COUNT_DISTINCT', argTypes: [decimal(5, 2)] },
    rows: col(dec('1.10'), dec('1.10'), dec('2.00'), null),
  },
  APPROX_COUNT_DISTINCT: {
    sql: 'APPROX_COUNT_DISTINCT(x)',
    input: "x = 'a', 'b', 'a', NULL",
    call: { name: 'APPROX_COUNT_DISTINCT', argTypes: [STRING] },
    rows: col('a', 'b', 'a', null),
  },
  SUM: {
    sql: 'SUM(x)',
    input: 'x DECIMAL(10,2) = 1.25, NULL, 2.50',
    call: { name: 'SUM', argTypes: [decimal(10, 2)] },
    rows: col(dec('1.25'), null, dec('2.50')),
  },
  AVG: {
    sql: 'AVG(x)',
    input: 'x DECIMAL(10,0) = 1, 2, 2',
    call: { name: 'AVG', argTypes: [decimal(10, 0)] },
    rows: col(dec('1'), dec('2'), dec('2')),
  },
  MIN: {
    sql: 'MIN(x)',
    input: "x = 'pear', NULL, 'apple'",
    call: { name: 'MIN', argTypes: [STRING] },
    rows: col('pear', null, 'apple'),
  },
  MAX: { sql: 'MAX(x)', input: 'x = 3, NULL, 10', call: { name: 'MAX', argTypes: [BIGINT] }, rows: col(3, null, 10) },
  DELTA: {
    sql: 'DELTA(x)',
    input: 'x DECIMAL(5,2) = 10.50, 9.75, 12.00',
    call: { name: 'DELTA', argTypes: [decimal(5, 2)] },
    rows: col(dec('10.50'), dec('9.75'), dec('12.00')),
  },
  STDDEV: textbook('STDDEV'),
  STDDEV_POP: textbook('STDDEV_POP'),
  VARIANCE: textbook('VARIANCE'),
  VAR_POP: textbook('VAR_POP'),
  MEDIAN: {
    sql: 'MEDIAN(x)',
    input: 'x = 4, 1, NULL, 3, 2',
    call: { name: 'MEDIAN', argTypes: [BIGINT] },
    rows: col(4, 1, null, 3, 2),
  },
  PERCENTILE_CONT: {
    sql: 'PERCENTILE_CONT(0.25) WITHIN GROUP (ORDER BY x)',
    input: 'x = 4, 1, 3, 2',
    call: { name: 'PERCENTILE_CONT', argTypes: [DOUBLE, BIGINT], constants: [0.25, undefined] },
    rows: [4, 1, 3, 2].map((x) => [0.25, x]),
  },
  PERCENTILE_DISC: {
    sql: 'PERCENTILE_DISC(0.3) WITHIN GROUP (ORDER BY x)',
    input: 'x = 1 … 10',
    call: { name: 'PERCENTILE_DISC', argTypes: [DOUBLE, BIGINT], constants: [0.3, undefined] },
    rows: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((x) => [0.3, x]),
  },
  FIRST_VALUE: {
    sql: 'FIRST_VALUE(x)',
    input: 'x = NULL, 7, 8 (arrival order)',
    call: { name: 'FIRST_VALUE', argTypes: [BIGINT] },
    rows: col(null, 7, 8),
  },
  LAST_VALUE: {
    sql: 'LAST_VALUE(x)',
    input: 'x = 7, 8, 9 (arrival order)',
    call: { name: 'LAST_VALUE', argTypes: [BIGINT] },
    rows: col(7, 8, 9),
  },
  STRING_AGG: {
    sql: "STRING_AGG(x, '|')",
    input: "x = 'b', NULL, 'a'",
    call: { name: 'STRING_AGG', argTypes: [STRING, STRING], constants: [undefined, '|'] },
    rows: [
      ['b', '|'],
      [null, '|'],
      ['a', '|'],
    ],
  },
  LISTAGG: {
    sql: 'LISTAGG(x)',
    input: 'x = 1, 2, NULL',
    call: { name: 'LISTAGG', argTypes: [BIGINT] },
    rows: col(1, 2, null),
  },
  CORR: pairExample('CORR'),
  COVAR_POP: pairExample('COVAR_POP'),
  COVAR_SAMP: pairExample('COVAR_SAMP'),
  REGR_SLOPE: pairExample('REGR_SLOPE'),
  REGR_INTERCEPT: pairExample('REGR_INTERCEPT'),
  REGR_R2: pairExample('REGR_R2'),
};

/** What each aggregate does with NULL arguments and with no rows. */
const NULLS: Readonly<Record<string, string>> = {
  COUNT: 'COUNT(*) counts every row; COUNT(x) skips NULL; 0 for no rows',
  COUNT_DISTINCT: 'skipped; 0 for no rows',
  APPROX_COUNT_DISTINCT: 'skipped; 0 for no rows',
  FIRST_VALUE: 'a NULL is a value (DuckDB `first`); NULL for no rows',
  LAST_VALUE: 'a NULL is a value (DuckDB `last`); NULL for no rows',
  STDDEV: 'skipped; NULL below 2 values',
  VARIANCE: 'skipped; NULL below 2 values',
  COVAR_SAMP: 'rows with a NULL skipped; NULL below 2 pairs',
  PERCENTILE_CONT: 'skipped; NULL for no values or a NULL p',
  PERCENTILE_DISC: 'skipped; NULL for no values or a NULL p',
  STRING_AGG: 'skipped; NULL when nothing joined; a NULL sep joins with nothing',
  LISTAGG: 'skipped; NULL when nothing joined; a NULL sep joins with nothing',
};
const PAIR_NULLS = 'rows with a NULL skipped; NULL when undefined';

function renderExample(name: string): string {
  const example = EXAMPLES[name];
  if (!example) throw new Error(`aggregate-docs: no example for ${name}`);
  const fn = allAggregateFunctions.find((f) => f.name === name);
  const type: SqlType = fn?.resolve(example.call.argTypes, { distinct: false }).result ?? SqlTypes.NULL;
  const value = aggregate(example.call, example.rows);
  const shown =
    value === null ? 'NULL' : type.kind === 'STRING' ? `'${valueToText(value, type)}'` : valueToText(value, type);
  return `\`${example.sql}\` over ${example.input} → \`${shown}\``;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** The "Aggregates" section of docs/functions.md (from its heading to the end of the page). */
export function renderAggregateSection(): string {
  const lines = [
    '## Aggregates',
    '',
    'Every aggregate of the dialect (`sql-dialect.md` §9), generated from the aggregate catalog',
    '(`packages/planner/src/aggregates/`) by `packages/planner/test/aggregates/docs.test.ts`. Aggregates run',
    'with GROUP BY or a WINDOW; every one takes DISTINCT (`SUM(DISTINCT x)`: each value once, by value, so',
    '1.1 and 1.10 are one). Sums are exact: BIGINT and DECIMAL never round, DOUBLE sums are correctly rounded',
    'whatever the arrival order. Partial results (partitions, merged sessions) combine exactly.',
    '',
    '| Aggregate | Meaning | NULL | Example |',
    '|---|---|---|---|',
  ];
  const sorted = [...allAggregateFunctions].sort((a, b) => a.name.localeCompare(b.name));
  for (const fn of sorted) {
    const i = fn.description.indexOf(': ');
    const signature = i < 0 ? fn.description : fn.description.slice(0, i);
    const meaning = i < 0 ? '' : fn.description.slice(i + 2);
    const aliases = fn.aliases.length > 0 ? ` (also ${fn.aliases.join(', ')})` : '';
    const nulls =
      NULLS[fn.name] ??
      (fn.maxArgs === 2 && fn.minArgs === 2 && !fn.withinGroup ? PAIR_NULLS : 'skipped; NULL for no values');
    lines.push(
      `| \`${escapeCell(signature)}\`${aliases} | ${escapeCell(meaning)} | ${escapeCell(nulls)} | ${escapeCell(renderExample(fn.name))} |`,
    );
  }
  lines.push('');
  return lines.join('\n');
}
