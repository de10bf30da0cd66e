import avro from 'avsc';
import type { Row } from '@velots/core';
import { decodeConverter, encodeConverter, type ValueConverter } from './value-converters.js';

/** A decoded avsc record → a positional row. */
export type RecordToRow = (record: unknown) => Row;
/** A positional row → the record avsc writes. */
export type RowToRecord = (row: Row) => unknown;

/**
 * Compiles the record → row function of a record type as straight-line code (one property read and, where
 * needed, one converter call per column), so the per-record work is what a hand-written mapper would do.
 */
export function compileRecordToRow(type: avro.types.RecordType): RecordToRow {
  const converters: (ValueConverter | undefined)[] = type.fields.map((f) => decodeConverter(f.type));
  const cells = type.fields.map((f, i) => {
    const read = `r[${JSON.stringify(f.name)}]`;
    return converters[i] ? `c[${i}](${read})` : read;
  });
  const factory = new Function('c', `return function recordToRow(r) { return [${cells.join(', ')}]; };`);
  return factory(converters) as RecordToRow;
}

/**
 * Compiles the row → record function of a record type: avsc's generated record constructor takes the field
 * values positionally, so the row maps onto it without a name lookup.
 */
export function compileRowToRecord(type: avro.types.RecordType): RowToRecord {
  const converters: (ValueConverter | undefined)[] = type.fields.map((f) => encodeConverter(f.type));
  const args = type.fields.map((_f, i) => (converters[i] ? `c[${i}](row[${i}] ?? null)` : `row[${i}] ?? null`));
  const factory = new Function('c', 'R', `return function rowToRecord(row) { return new R(${args.join(', ')}); };`);
  return factory(converters, type.recordConstructor) as RowToRecord;
}
