import type protobuf from 'protobufjs';
import type { Row } from '@velots/core';
import type { DecimalFields } from './field-kinds.js';
import { fieldDecoder, fieldEncoder, type ValueConverter } from './value-converters.js';

/** A decoded message → a positional row. */
export type MessageToRow = (message: unknown) => Row;
/** A positional row → the plain object protobufjs encodes. */
export type RowToMessage = (row: Row) => Record<string, unknown>;

function property(name: string): string {
  return `m[${JSON.stringify(name)}]`;
}

/**
 * Compiles message → row as straight-line code: one property read per field (oneof members checked for presence,
 * so an unset member is NULL rather than its default) and a converter call where the value needs one.
 */
export function compileMessageToRow(type: protobuf.Type, decimals: DecimalFields): MessageToRow {
  const converters: (ValueConverter | undefined)[] = type.fieldsArray.map((f) => fieldDecoder(f, f.name, decimals));
  const cells = type.fieldsArray.map((f, i) => {
    const read = f.partOf !== null ? `(h.call(m, ${JSON.stringify(f.name)}) ? ${property(f.name)} : null)` : property(f.name);
    return converters[i] ? `c[${i}](${read})` : read;
  });
  const factory = new Function('c', 'h', `return function messageToRow(m) { return [${cells.join(', ')}]; };`);
  return factory(converters, Object.prototype.hasOwnProperty) as MessageToRow;
}

/** Compiles row → message object as one object literal with the message's fields in order. */
export function compileRowToMessage(type: protobuf.Type, decimals: DecimalFields): RowToMessage {
  const converters = type.fieldsArray.map((f) => fieldEncoder(f, f.name, decimals));
  const entries = type.fieldsArray.map((f, i) => `${JSON.stringify(f.name)}: ${converters[i] ? `c[${i}](row[${i}] ?? null)` : `row[${i}] ?? undefined`}`);
  const factory = new Function('c', `return function rowToMessage(row) { return { ${entries.join(', ')} }; };`);
  return factory(converters) as RowToMessage;
}
