import { NOT_A_VALUE, OVERFLOWS, type SpanConverter } from '@velots/serde-json';
import type { ColumnBuilder } from '../../columnar/column-batch-builder.js';
import { scaledColumnScale } from '../../columnar/column-batch-builder.js';
import { FNV_OFFSET, FNV_PRIME, StringDictionary } from '../../columnar/string-dictionary.js';
import type { CsvColumnPlan } from './csv-row-converter.js';

/** Where a scan stopped: the byte index just past the last record it took. */
export interface CsvScanEnd {
  pos: number;
}

/**
 * Scans plain CSV records of `bytes[pos, n)` straight into the column vectors from index `at`, at most `room`
 * records; returns how many it took. It stops (taking nothing of that record) at the first record that is not
 * plain or whose text the row converter would not give back as the same value: a quote, a CR, a blank at a field's
 * edge, a blank line, another field count, a number of another shape, scale or size, a field that does not convert,
 * or the end of the complete lines. The general tokenizer then takes that record, so results, bad records and
 * their positions are exactly the row path's.
 */
export type CsvColumnScan = (bytes: Buffer, pos: number, n: number, room: number, at: number, vectors: readonly ColumnBuilder[], end: CsvScanEnd) => number;

const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;
const I32_MAX = 2147483647;

/**
 * Compiles the fused byte scanner for one schema: one loop over the bytes per record, each field's bytes read
 * once — a STRING field hashed as it is scanned and looked up in its column's dictionary, a BIGINT, INTEGER or
 * DECIMAL field parsed as digits into its unscaled number — with no tokenizer call, span array or row per record.
 * `fieldCount` is the record width; `columns` the schema columns with their field indexes and converters.
 */
export function compileCsvColumnScan(
  columns: readonly CsvColumnPlan[],
  fieldCount: number,
  delimiter: number,
  quote: number,
): CsvColumnScan {
  const trimTabs = delimiter !== TAB;
  const byField = new Map(columns.map((column, c) => [column.field, c]));
  const spans: SpanConverter[] = [];
  const dictionaries: StringDictionary[] = [];
  /** Statements naming each STRING column's dictionary in its vector (the ids it gets are that dictionary's). */
  const dictionaryOf: string[] = [];
  const blank = (v: string): string => `${v} === ${SPACE}${trimTabs ? ` || ${v} === ${TAB}` : ''}`;
  const lines: string[] = [];
  // Numbers are parsed as they are scanned unless the delimiter could be part of one.
  const fusedNumbers = !(delimiter >= 48 && delimiter <= 57) && delimiter !== 45 && delimiter !== 46;
  for (let f = 0; f < fieldCount; f++) {
    const c = byField.get(f);
    const column = c === undefined ? undefined : columns[c]!;
    const isString = column?.type.kind === 'STRING';
    const last = f === fieldCount - 1;
    if (column !== undefined && fusedNumbers && scaledColumnScale(column.type) !== undefined) {
      lines.push(numberField(column, c!, last), `  ${step(last)} }`);
      continue;
    }
    lines.push(
      `{ const start = i; let c = -1;${isString ? ` let h = ${FNV_OFFSET};` : ''}`,
      `  for (; i < n; i++) { c = b[i]; if (c === ${delimiter} || c === ${LF} || c === ${CR}) break;${isString ? ` h = Math.imul(h ^ c, ${FNV_PRIME});` : ''} }`,
      `  ${endCheck(last)}`,
      `  const end = i;`,
      `  if (end > start) { const first = b[start], final = b[end - 1]; if (first === ${quote} || ${blank('first')} || ${blank('final')}) break records; }`,
    );
    if (column !== undefined) lines.push(store(column, c!, isString));
    lines.push(`  ${step(last)} }`);
  }

  /**
   * Where field scanning stopped (`c` at `i`) must be the field's end: the delimiter, or for the last field a line
   * end, LF or CR LF (a lone CR, which also ends a record, is left to the tokenizer).
   */
  function endCheck(last: boolean): string {
    if (!last) return `if (c !== ${delimiter} || i >= n) break records;`;
    return `if (c === ${CR}) { if (i + 1 >= n || b[i + 1] !== ${LF}) break records; } else if (c !== ${LF} || i >= n) break records;`;
  }

  /** Moves past the field's end (the delimiter, LF, or CR LF). */
  function step(last: boolean): string {
    return last ? `if (b[i] === ${CR}) i++; i++;` : 'i++;';
  }

  /** Statements converting field bytes `[start, end)` of schema column `c` and storing them at `row`. */
  function store(column: CsvColumnPlan, c: number, isString: boolean): string {
    const vector = `vectors[${c}]`;
    if (isString) {
      const d = dictionaries.push(new StringDictionary()) - 1;
      dictionaryOf.push(`${vector}.dictionary = d${d}.strings;`);
      return (
        `  { const vec = ${vector}; let v = null, id = -1; if (end > start) { id = d${d}.idOf(b, start, end, h); v = id >= 0 ? d${d}.strings[id] : b.toString('utf8', start, end); }` +
        ` vec.values[row] = v; vec.ids[row] = id; }`
      );
    }
    const s = spans.push(column.fromSpan) - 1;
    const convert = `const v = end === start ? null : sp${s}(b, start, end); if (v === NA || v === OV) break records;`;
    const scale = scaledColumnScale(column.type);
    if (scale === undefined) return `  { ${convert} ${vector}.values[row] = v; }`;
    // A number column whose delimiter could be part of a number: its converter, stored as the column writer stores.
    const scaled = scale === 0 ? `typeof v === 'number'` : `typeof v.unscaled === 'number' && v.scale === ${scale}`;
    return (
      `  { ${convert} const vec = ${vector}; if (v === null) vec.tags[row] = 1;` +
      ` else if (${scaled}) { vec.tags[row] = 0; vec.unscaled[row] = ${scale === 0 ? 'v' : 'v.unscaled'}; } else { vec.tags[row] = 2; vec.others[row] = v; } }`
    );
  }

  /**
   * A BIGINT, INTEGER or DECIMAL field scanned and parsed in one pass up to its delimiter or line end: `-?digits` (one `.` for
   * a DECIMAL), at most 15 digits, at exactly the column's scale and precision (INTEGER: within 32 bits), else the
   * record is left to the tokenizer. Anything else in the field (a blank, a quote, a sign, an exponent) stops the
   * scan the same way, as the field does not end where the digits do.
   */
  function numberField(column: CsvColumnPlan, c: number, last: boolean): string {
    const isDecimal = column.type.kind === 'DECIMAL';
    const scale = scaledColumnScale(column.type)!;
    const checks = isDecimal
      ? ` if (dot !== -1 && (dot === end - 1 || dot === start + (neg ? 1 : 0))) break records;` +
        ` if ((dot === -1 ? 0 : end - dot - 1) !== ${scale} || Math.max(1, digits - zeros) > ${(column.type as { precision: number }).precision}) break records;`
      : column.type.kind === 'INTEGER'
        ? ` if (v > ${I32_MAX} + (neg ? 1 : 0)) break records;`
        : '';
    const unscaled = isDecimal ? 'v === 0 ? 0 : neg ? -v : v' : 'neg ? -v : v';
    return (
      `{ const start = i; let c = -1, v = 0, dot = -1, zeros = 0, lead = true; const neg = i < n && b[i] === 45; if (neg) i++;` +
      ` for (; i < n; i++) { c = b[i]; const d = c - 48;` +
      ` if (d >= 0 && d <= 9) { if (lead && d === 0) zeros++; else lead = false; v = v * 10 + d; }` +
      (isDecimal ? ` else if (c === 46 && dot === -1) dot = i;` : '') +
      ` else break; }` +
      ` ${endCheck(last)}` +
      ` const end = i, vec = vectors[${c}];` +
      ` if (end === start) vec.tags[row] = 1; else {` +
      ` const digits = end - start - (neg ? 1 : 0) - (dot === -1 ? 0 : 1); if (digits === 0 || digits > 15) break records;${checks}` +
      ` vec.tags[row] = 0; vec.unscaled[row] = ${unscaled}; }`
    );
  }

  const source = [
    '"use strict";',
    ...dictionaries.map((_d, k) => `const d${k} = dictionaries[${k}];`),
    ...spans.map((_s, k) => `const sp${k} = spans[${k}];`),
    'return function scanCsvColumns(b, pos, n, room, at, vectors, stop) {',
    '  let count = 0;',
    ...dictionaryOf.map((l) => `  ${l}`),
    '  records: while (count < room) {',
    '    let i = pos;',
    `    if (i >= n || b[i] === ${LF} || b[i] === ${CR}) break;`,
    '    const row = at + count;',
    ...lines.map((l) => `    ${l}`),
    '    pos = i;',
    '    count++;',
    '  }',
    '  stop.pos = pos;',
    '  return count;',
    '};',
  ].join('\n');
  // Generated from the schema only (field positions, types, delimiter bytes): no input text becomes code.
  const factory = new Function('dictionaries', 'spans', 'NA', 'OV', source) as (
    dictionaries: readonly StringDictionary[],
    spans: readonly SpanConverter[],
    na: typeof NOT_A_VALUE,
    ov: typeof OVERFLOWS,
  ) => CsvColumnScan;
  return factory(dictionaries, spans, NOT_A_VALUE, OVERFLOWS);
}
