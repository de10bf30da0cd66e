import type { Row, Schema } from '@velots/core';
import type { RecordProblem } from './record-format.js';
import type { TextRecordReader, TextTokenizer } from './text-record-reader.js';

/** The problem of the reader's current record when it holds bytes that are not UTF-8, or undefined. */
export function invalidUtf8Problem(reader: TextRecordReader<TextTokenizer>): RecordProblem | undefined {
  const { recordStart, recordEnd } = reader.tokenizer;
  const at = reader.firstInvalidIn(recordStart, recordEnd);
  if (at === -1) return undefined;
  return { code: 'RECORD_MALFORMED', column: reader.columnOf(recordStart, at), message: 'invalid UTF-8: the record holds bytes that are not UTF-8 (shown as U+FFFD in raw)' };
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
