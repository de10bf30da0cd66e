import { NOT_A_VALUE, OVERFLOWS, type SpanConverter, type TextConverter } from '@velots/serde-json';
import type { ColumnBuilder } from '../../columnar/column-batch-builder.js';
import { scaledColumnScale } from '../../columnar/column-batch-builder.js';
import type { CsvColumnPlan, CsvRowFailure } from './csv-row-converter.js';

/**
 * Writes a record's fields (the tokenizer's byte spans and unescaped quoted values) into the column vectors at
 * index `at`; false with `failure` filled in when a field does not convert (the vectors' slot `at` is then
 * garbage, overwritten by the next record).
 */
export type CsvColumnWriter = (
  bytes: Buffer,
  starts: readonly number[],
  ends: readonly number[],
  quoted: readonly (string | undefined)[],
  failure: CsvRowFailure,
  at: number,
  vectors: readonly ColumnBuilder[],
) => boolean;

/**
 * Compiles the columnar twin of `compileCsvRowConverter`: each field converts with the same converter at its own
 * call site, so values, NULLs and failures are the row converter's exactly; instead of a row array, a BIGINT,
 * INTEGER or DECIMAL value is stored as its unscaled number at the column's scale (tagged; any other form of the
 * value is kept as it is), and every other value in its column's value array.
 */
export function compileCsvColumnWriter(columns: readonly CsvColumnPlan[]): CsvColumnWriter {
  const lines: string[] = [];
  columns.forEach((column, i) => {
    const isString = column.type.kind === 'STRING';
    const f = column.field;
    lines.push(
      `{ let v;`,
      `  { const q = quoted[${f}];`,
      `    if (q !== undefined) v = ${isString ? `t${i}(q)` : `q === '' ? null : t${i}(q)`};`,
      `    else { const s = starts[${f}], e = ends[${f}]; v = s === e ? null : s${i}(bytes, s, e); } }`,
    );
    if (!isString) lines.push(`  if (v === NA || v === OV) { failure.column = ${i}; failure.marker = v; return false; }`);
    const scale = scaledColumnScale(column.type);
    lines.push(`  const col = vectors[${i}];`);
    if (scale === undefined) lines.push(isString ? '  col.values[at] = v; col.ids[at] = -1; }' : '  col.values[at] = v; }');
    else {
      const scaled = scale === 0 ? `typeof v === 'number'` : `typeof v.unscaled === 'number' && v.scale === ${scale}`;
      const unscaled = scale === 0 ? 'v' : 'v.unscaled';
      lines.push(
        `  if (v === null) col.tags[at] = 1;`,
        `  else if (${scaled}) { col.tags[at] = 0; col.unscaled[at] = ${unscaled}; }`,
        `  else { col.tags[at] = 2; col.others[at] = v; } }`,
      );
    }
  });
  const bindings = columns.map((_, i) => `const s${i} = spans[${i}], t${i} = texts[${i}];`).join('\n');
  const source = `${bindings}\nreturn function writeCsvColumns(bytes, starts, ends, quoted, failure, at, vectors) {\n${lines.join('\n')}\nreturn true;\n};`;
  const factory = new Function('spans', 'texts', 'NA', 'OV', source) as (
    spans: readonly SpanConverter[],
    texts: readonly TextConverter[],
    na: typeof NOT_A_VALUE,
    ov: typeof OVERFLOWS,
  ) => CsvColumnWriter;
  return factory(
    columns.map((c) => c.fromSpan),
    columns.map((c) => c.fromText),
    NOT_A_VALUE,
    OVERFLOWS,
  );
}
