import type { Row, Schema } from '@velots/core';
import type { RecordProblem } from './record-format.js';

const REPLACEMENT = '\uFFFD';

/**
 * The problem of a record whose text `text[start, end)` holds U+FFFD, the decoder's stand-in for bytes that are
 * not UTF-8 (asked only once the record's input was seen to hold such bytes), or undefined.
 */
export function invalidUtf8Problem(text: string, start: number, end: number): RecordProblem | undefined {
  const at = text.indexOf(REPLACEMENT, start);
  if (at === -1 || at >= end) return undefined;
  return { code: 'RECORD_MALFORMED', column: at - start + 1, message: 'invalid UTF-8: the record holds bytes that are not UTF-8 (shown as U+FFFD in raw)' };
}

/** The problem of a row without a value in one of its NOT NULL columns (`required`: their indexes), or undefined. */
export function missingRequiredProblem(row: Row, required: readonly number[], schema: Schema): RecordProblem | undefined {
  for (const column of required) {
    if (row[column] !== null && row[column] !== undefined) continue;
    const name = schema.fields[column]?.name ?? `column ${column}`;
    return { code: 'NULL_NOT_ALLOWED', field: name, message: `field '${name}' is missing or null but the column is NOT NULL` };
  }
  return undefined;
}
