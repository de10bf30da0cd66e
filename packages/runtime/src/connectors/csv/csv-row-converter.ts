import type { Row, SqlType } from '@velots/core';
import { NOT_A_VALUE, OVERFLOWS, type SpanConverter, type TextConverter } from '@velots/serde-json';

/** Where the compiled converter records why a record failed: the schema column and the marker its converter returned. */
export interface CsvRowFailure {
  column: number;
  marker: typeof NOT_A_VALUE | typeof OVERFLOWS;
}

/**
 * A record's fields (the tokenizer's byte spans and unescaped quoted values) → its row, or undefined with
 * `failure` filled in when a field does not convert.
 */
export type CsvRowConverter = (
  bytes: Buffer,
  starts: readonly number[],
  ends: readonly number[],
  quoted: readonly (string | undefined)[],
  failure: CsvRowFailure,
) => Row | undefined;

/** One schema column as the row converter reads it. */
export interface CsvColumnPlan {
  readonly type: SqlType;
  /** Index of the column's field in a record. */
  readonly field: number;
  readonly fromSpan: SpanConverter;
  readonly fromText: TextConverter;
}

/**
 * Compiles the per-record conversion for one schema into straight-line code (via `new Function`): each column
 * is read from its field with its own converter at its own call site (monomorphic, so V8 inlines the number
 * parsers and the interner), and the row is built as one array literal of exactly the schema's width. Results
 * are those of the column converters: an unquoted empty field is null; a quoted one is text (null when empty
 * and the column is not a STRING).
 */
export function compileCsvRowConverter(columns: readonly CsvColumnPlan[]): CsvRowConverter {
  const lines: string[] = [];
  columns.forEach((column, i) => {
    const isString = column.type.kind === 'STRING';
    const f = column.field;
    lines.push(
      `let v${i};`,
      `{ const q = quoted[${f}];`,
      `  if (q !== undefined) v${i} = ${isString ? `t${i}(q)` : `q === '' ? null : t${i}(q)`};`,
      `  else { const s = starts[${f}], e = ends[${f}]; v${i} = s === e ? null : s${i}(bytes, s, e); } }`,
    );
    if (!isString) lines.push(`if (v${i} === NA || v${i} === OV) { failure.column = ${i}; failure.marker = v${i}; return undefined; }`);
  });
  return compileColumnFunction<CsvRowConverter>(columns, 'convertCsvRow(bytes, starts, ends, quoted, failure)', lines);
}

/**
 * Builds a function generated per schema whose `body` reads column i through `s<i>` (its span converter) and
 * `t<i>` (its text converter), compares results with `NA` / `OV`, leaves the value in `v<i>` and ends by returning
 * the row `[v0, v1, …]`; the converters are bound once, outside the function, so each call site stays monomorphic.
 */
export function compileColumnFunction<F>(columns: readonly CsvColumnPlan[], signature: string, body: readonly string[]): F {
  const bindings = columns.map((_, i) => `const s${i} = spans[${i}], t${i} = texts[${i}];`).join('\n');
  const source =
    `${bindings}\n` +
    `return function ${signature} {\n${body.join('\n')}\n` +
    `return [${columns.map((_, i) => `v${i}`).join(', ')}];\n};`;
  const factory = new Function('spans', 'texts', 'NA', 'OV', source) as (
    spans: readonly SpanConverter[],
    texts: readonly TextConverter[],
    na: typeof NOT_A_VALUE,
    ov: typeof OVERFLOWS,
  ) => F;
  return factory(
    columns.map((c) => c.fromSpan),
    columns.map((c) => c.fromText),
    NOT_A_VALUE,
    OVERFLOWS,
  );
}
