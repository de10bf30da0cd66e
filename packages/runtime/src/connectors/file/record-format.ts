import type { Row, Schema } from '@velots/core';
import type { TextTokenizer } from './text-record-reader.js';
import type { ColumnBatchBuilder } from '../../columnar/column-batch-builder.js';

/** Why one record could not become a row: what the source turns into a BadRecord. */
export interface RecordProblem {
  readonly code: 'RECORD_MALFORMED' | 'CAST_FAILED' | 'NUMERIC_OVERFLOW' | 'NULL_NOT_ALLOWED';
  /** The message after `file:line[:column]: `. */
  readonly message: string;
  readonly field?: string | undefined;
  /** 1-based column within the record's first line, when known (invalid JSON). */
  readonly column?: number | undefined;
  /** Lines between the record's first line and the error (a JSON array element may span lines). */
  readonly lineDelta?: number | undefined;
}

/**
 * A text format (CSV, JSON) as the record source drives it: tokenize, capture the current record,
 * learn the header and the schema from the first records, then turn captured records into rows.
 * `C` is the captured form (CSV: the field texts; JSON: the parsed value).
 */
export interface RecordFormat<C> {
  readonly name: string;
  createTokenizer(firstLine: number): TextTokenizer;
  /** Whether the first record of each file is a header row. */
  readonly hasHeader: boolean;
  /**
   * True when, once the schema is fixed, `capture` gives the row itself (an array) or a problem, so `toRow` is
   * the identity and the source appends captured rows directly.
   */
  readonly capturesRows?: boolean;
  /** Captures the tokenizer's current record (a copy), or the problem that makes it malformed. */
  capture(tokenizer: TextTokenizer): C | RecordProblem;
  /** Takes the header row's captured record (first file only; later files' headers are skipped). */
  acceptHeader(header: C): void;
  /** Adds a record to the inference sample. */
  sample(record: C): void;
  /** Fixes the schema: the declared one (cast) or the one inferred from the sample; prepares converters. */
  resolveSchema(declared: Schema | undefined, sampleSize: number): Schema;
  /** The row of a captured record, or its problem. */
  toRow(record: C): Row | RecordProblem;
  /**
   * Optional, for formats that capture rows: once the schema is fixed, appends to `rows` the rows of a run of
   * records read in one pass from the tokenizer's bytes (at most `max`, each a valid row); returns how many. It
   * stops before any record it does not read that way (0 at once), which the tokenizer's `next` then reads.
   */
  captureRun?(tokenizer: TextTokenizer, rows: Row[], max: number): number;
  /** Optional (after `resolveSchema`): starts capturing into column vectors with `captureInto`; false when it cannot. */
  captureColumns?(): boolean;
  /** Writes the tokenizer's current record into the vectors (and commits it there), or returns its problem. */
  captureInto?(tokenizer: TextTokenizer, columns: ColumnBatchBuilder): RecordProblem | undefined;
  /** Optional, with `captureInto`: takes up to `room` plain records at once into the vectors; returns how many (0: use the tokenizer). */
  scanColumns?(tokenizer: TextTokenizer, columns: ColumnBatchBuilder, room: number): number;
}

/** True when `value` is a RecordProblem rather than a captured record or row. */
export function isRecordProblem(value: unknown): value is RecordProblem {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'code' in value && 'message' in value && !('unscaled' in value);
}
