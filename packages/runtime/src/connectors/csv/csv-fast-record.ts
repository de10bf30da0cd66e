import type { Row } from '@velots/core';
import { compileColumnFunction, type CsvColumnPlan } from './csv-row-converter.js';

const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;

/** Where the last record a `CsvFastScan` accepted ends: its content end and the index just past its line break. */
export interface CsvFastRecordEnd {
  end: number;
  next: number;
}

/**
 * Scans and converts one plain record starting at byte `start` of `bytes[0, n)` in a single pass: the fields
 * located with one comparison per byte and each converted at once by its column's span converter (a quoted
 * field by its text converter, as the general path does); no span arrays, no trimming. Returns the row, with
 * `where` set, or undefined when the record is not plain — a blank at a field's edge, a quoted field holding a
 * doubled quote or a line break or followed by anything but the separator, a count of fields other than the
 * header's, a lone CR, no line break before `n` — or when a field does not convert: the general tokenizer and
 * row converter then read the record, so results, bad records and their reasons are exactly theirs.
 */
export type CsvFastScan = (bytes: Buffer, start: number, n: number, where: CsvFastRecordEnd) => Row | undefined;

/** The record shape a fast scan accepts: the separators and the number of fields of a record. */
export interface CsvFastShape {
  readonly delimiter: number;
  readonly quote: number;
  readonly fields: number;
}

/**
 * Compiles the fast scan for one schema (straight-line code via `new Function`, one call site per column
 * converter as in `compileCsvRowConverter`), or undefined when the shape rules it out: a blank delimiter (the
 * general scan trims around fields, which only it does right then), or a column read from a field a record
 * does not have.
 */
export function compileCsvFastScan(columns: readonly CsvColumnPlan[], shape: CsvFastShape): CsvFastScan | undefined {
  const { delimiter, quote, fields } = shape;
  if (fields < 1 || delimiter === SPACE || delimiter === TAB || delimiter === quote) return undefined;
  if (delimiter === LF || delimiter === CR || quote === LF || quote === CR) return undefined;
  if (columns.some((c) => c.field < 0 || c.field >= fields)) return undefined;
  // Each field feeds at most one column (two columns reading one field are left to the general path).
  const columnOfField = new Map<number, number>();
  for (let i = 0; i < columns.length; i++) {
    const field = (columns[i] as CsvColumnPlan).field;
    if (columnOfField.has(field)) return undefined;
    columnOfField.set(field, i);
  }
  const separatorMax = Math.max(delimiter, LF, CR);
  const lines: string[] = ['let i = start, s = 0, c = 0;'];
  for (let f = 0; f < fields; f++) {
    const last = f === fields - 1;
    const column = columnOfField.get(f);
    const isString = column !== undefined && columns[column]?.type.kind === 'STRING';
    // The byte after the field: a delimiter, or (last field) a line break.
    const ended = last ? `c === ${LF} || c === ${CR}` : `c === ${delimiter}`;
    if (column !== undefined) lines.push(`let v${column};`);
    lines.push(
      `s = i; c = bytes[i];`,
      // A quoted field without doubled quotes or line breaks, closed right before the separator: its text.
      `if (c === ${quote}) {`,
      `  for (i = s + 1; i < n; i++) { c = bytes[i]; if (c === ${quote} || c === ${LF} || c === ${CR}) break; }`,
      `  if (i + 1 >= n || c !== ${quote}) return undefined;`,
      `  c = bytes[++i]; if (!(${ended})) return undefined;`,
    );
    if (column !== undefined) {
      lines.push(`  const q = bytes.toString('utf8', s + 1, i - 1);`);
      lines.push(isString ? `  v${column} = t${column}(q);` : `  v${column} = q === '' ? null : t${column}(q);`);
    }
    lines.push(
      `} else {`,
      `  for (; i < n; i++) { c = bytes[i]; if (c > ${separatorMax}) continue; if (c === ${delimiter} || c === ${LF} || c === ${CR}) break; }`,
      `  if (i >= n || !(${ended})) return undefined;`,
      // A blank at either edge is trimmed by the general scan.
      `  if (i > s) { c = bytes[s]; if (c === ${SPACE} || c === ${TAB}) return undefined; c = bytes[i - 1]; if (c === ${SPACE} || c === ${TAB}) return undefined; }`,
    );
    if (column !== undefined) lines.push(`  v${column} = i === s ? null : s${column}(bytes, s, i);`);
    lines.push('}');
    if (column !== undefined && !isString) lines.push(`if (v${column} === NA || v${column} === OV) return undefined;`);
    if (!last) lines.push('i++;');
  }
  lines.push(
    `if (bytes[i] === ${CR}) { if (bytes[i + 1] !== ${LF}) return undefined; where.end = i; where.next = i + 2; }`,
    `else { where.end = i; where.next = i + 1; }`,
  );
  return compileColumnFunction<CsvFastScan>(columns, 'scanCsvRecord(bytes, start, n, where)', lines);
}
