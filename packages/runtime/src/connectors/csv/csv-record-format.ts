import { Schema, field, formatSqlType, type Row, type SqlType } from '@velots/core';
import type { RecordFormat, RecordProblem } from '../file/record-format.js';
import type { TextTokenizer } from '../file/text-record-reader.js';
import {
  ColumnKindAccumulator,
  NOT_A_VALUE,
  OVERFLOWS,
  declaredTextConverter,
  inferredTextConverter,
  spanConverter,
  type TextConverter,
} from '@velots/serde-json';
import { CsvTokenizer } from './csv-tokenizer.js';
import { compileCsvRowConverter, type CsvColumnPlan, type CsvRowConverter, type CsvRowFailure } from './csv-row-converter.js';
import { compileCsvFastScan, type CsvFastScan } from './csv-fast-record.js';
import { compileCsvColumnWriter, type CsvColumnWriter } from './csv-column-writer.js';
import { compileCsvColumnScan, type CsvColumnScan, type CsvScanEnd } from './csv-column-scanner.js';
import type { ColumnBatchBuilder } from '../../columnar/column-batch-builder.js';

/** Options of the CSV reader. */
export interface CsvFormatOptions {
  readonly delimiter: string;
  readonly quote: string;
  readonly hasHeaders: boolean;
  /** The stream name, used in the declared-schema suggestion of type errors. */
  readonly streamName: string;
  /** False: every record takes the general scan, never the one-pass fast scan (the reference tests compare it with). */
  readonly fastScan?: boolean | undefined;
}

/** A record's field texts (header, inference sample): its own class, so `toRow` tells it from a converted row. */
class CsvRecord extends Array<string | null> {}
/** What `capture` returns: field texts until the schema is fixed, then the converted row. */
type CsvCaptured = CsvRecord | Row;

/**
 * CSV records → rows: a header row names the columns (`column_0`… without one), types come from a declared
 * schema (cast) or from the first rows (dialect §8 inference), and each column converts with a function
 * built once. The header and the inference sample are captured as field texts; once the schema is fixed,
 * `capture` converts straight from the tokenizer's byte spans (numbers parsed from the bytes, strings interned),
 * so a record costs one array and no field strings for non-string columns.
 */
export class CsvRecordFormat implements RecordFormat<CsvCaptured> {
  readonly name = 'csv';
  readonly capturesRows = true;
  readonly hasHeader: boolean;
  private headerNames: string[] | undefined;
  private accumulators: ColumnKindAccumulator[] = [];
  private maxFields = 0;
  private converters: TextConverter[] = [];
  /** The compiled record → row conversion from field spans; set once the schema is fixed. */
  private rowConverter: CsvRowConverter | undefined;
  /** The one-pass scan and conversion of plain records, tried before the tokenizer's general scan. */
  private fastScan: CsvFastScan | undefined;
  /** The tokenizer of the input being read: it gets the fast scan once the schema is fixed. */
  private tokenizer: CsvTokenizer | undefined;
  /** The columns as the converters read them (shared by the row converter and the column writer: one interner per column). */
  private columnPlans: CsvColumnPlan[] = [];
  /** The compiled record → column vectors writer; set once a columnar consumer asked for it. */
  private columnWriter: CsvColumnWriter | undefined;
  /** The fused scanner of plain records into column vectors (with the writer). */
  private columnScan: CsvColumnScan | undefined;
  private readonly scanEnd: CsvScanEnd = { pos: 0 };
  private readonly failure: CsvRowFailure = { column: 0, marker: NOT_A_VALUE };
  /** For each schema column, the index of its field in a record. */
  private fieldIndexes: number[] = [];
  private types: SqlType[] = [];
  private names: string[] = [];
  private inferred = false;
  private sampleSize = 0;
  private expectedFields = 0;

  constructor(private readonly options: CsvFormatOptions) {
    this.hasHeader = options.hasHeaders;
  }

  createTokenizer(firstLine: number): TextTokenizer {
    const tokenizer = new CsvTokenizer(this.options.delimiter.charCodeAt(0), this.options.quote.charCodeAt(0), firstLine);
    if (this.fastScan !== undefined) tokenizer.useFastScan(this.fastScan, this.expectedFields);
    this.tokenizer = tokenizer;
    return tokenizer;
  }

  capture(tokenizer: TextTokenizer): CsvCaptured | RecordProblem {
    const csv = tokenizer as CsvTokenizer;
    if (this.rowConverter !== undefined) return csv.fastRow ?? this.convertSpans(csv, this.rowConverter);
    const count = csv.fieldCount;
    const record = new CsvRecord();
    for (let i = 0; i < count; i++) record.push(csv.fieldText(i));
    return record;
  }

  /**
   * Stops the one-pass fast scan: every record is then tokenized into field spans (`starts`/`ends`/`quoted`),
   * which a reader of the spans other than the row converter (a columnar decoder) needs.
   */
  stopFastScan(): void {
    this.fastScan = undefined;
    this.tokenizer?.useFastScan(undefined, 0);
  }

  captureRun(tokenizer: TextTokenizer, rows: Row[], max: number): number {
    return this.rowConverter === undefined ? 0 : (tokenizer as CsvTokenizer).scanFastRun(rows, max);
  }

  acceptHeader(captured: CsvCaptured): void {
    // A header seen after the schema was fixed (a watched file that was empty at start) names nothing new.
    if (this.rowConverter !== undefined) return;
    const header = captured as CsvRecord;
    this.headerNames ??= Array.from(header, (name, i) => (name === null || name === '' ? `column_${i}` : name));
  }

  sample(captured: CsvCaptured): void {
    const record = captured as CsvRecord;
    this.maxFields = Math.max(this.maxFields, record.length);
    for (let i = 0; i < record.length; i++) (this.accumulators[i] ??= new ColumnKindAccumulator()).add(record[i] ?? null);
  }

  resolveSchema(declared: Schema | undefined, sampleSize: number): Schema {
    this.sampleSize = sampleSize;
    const header = this.headerNames;
    if (declared) {
      const byName = header !== undefined && declared.fields.every((f) => header.some((h) => h.toLowerCase() === f.name.toLowerCase()));
      this.fieldIndexes = declared.fields.map((f, i) => (byName && header ? header.findIndex((h) => h.toLowerCase() === f.name.toLowerCase()) : i));
      this.expectedFields = header?.length ?? declared.length;
      this.types = declared.fields.map((f) => f.type);
      this.names = declared.names.slice();
      this.converters = this.types.map((t) => declaredTextConverter(t));
      this.rowConverter = this.compileRowConverter(false);
      return declared;
    }
    this.inferred = true;
    const count = header?.length ?? this.maxFields;
    this.expectedFields = count;
    this.names = Array.from({ length: count }, (_, i) => header?.[i] ?? `column_${i}`);
    this.types = this.names.map((_, i) => this.accumulators[i]?.type() ?? { kind: 'STRING' });
    this.fieldIndexes = this.names.map((_, i) => i);
    this.converters = this.types.map((t) => inferredTextConverter(t));
    this.rowConverter = this.compileRowConverter(true);
    return new Schema(this.names.map((name, i) => field(name, this.types[i] as SqlType)));
  }

  toRow(captured: CsvCaptured): Row | RecordProblem {
    // Rows captured once the schema was fixed are converted already.
    if (!(captured instanceof CsvRecord)) return captured;
    const record = captured;
    if (record.length !== this.expectedFields) {
      return {
        code: 'RECORD_MALFORMED',
        message: `expected ${this.expectedFields} fields but found ${record.length}`,
      };
    }
    const columns = this.converters.length;
    const row: Row = []; // packed, like the span-converted rows
    for (let i = 0; i < columns; i++) {
      const text = record[this.fieldIndexes[i] as number] ?? null;
      if (text === null) {
        row.push(null);
        continue;
      }
      const type = this.types[i] as SqlType;
      if (text === '' && type.kind !== 'STRING') {
        row.push(null);
        continue;
      }
      const value = (this.converters[i] as TextConverter)(text);
      if (value === NOT_A_VALUE || value === OVERFLOWS) return this.problem(i, text, value);
      row.push(value);
    }
    return row;
  }

  /** Starts capturing records straight into column vectors (`captureInto`); false before the schema is fixed. */
  captureColumns(): boolean {
    if (this.rowConverter === undefined) return false;
    this.columnWriter ??= compileCsvColumnWriter(this.columnPlans);
    this.columnScan ??= compileCsvColumnScan(this.columnPlans, this.expectedFields, this.options.delimiter.charCodeAt(0), this.options.quote.charCodeAt(0));
    // captureInto reads the tokenizer's field spans, which the row path's fast scan leaves unset.
    this.stopFastScan();
    return true;
  }

  /**
   * Takes plain records straight from the tokenizer's bytes into the vectors (at most `room`, and only records
   * whose line is complete and valid UTF-8), committing them; returns how many. The tokenizer then takes the next
   * record itself (see CsvColumnScan for what stops a scan).
   */
  scanColumns(tokenizer: TextTokenizer, columns: ColumnBatchBuilder, room: number): number {
    const csv = tokenizer as CsvTokenizer;
    const scan = this.columnScan;
    if (scan === undefined || !csv.scannable) return 0;
    const bytes = csv.bytes;
    const pos = csv.consumed;
    const invalid = csv.firstInvalidIn(pos, bytes.length);
    const count = scan(bytes, pos, invalid === -1 ? bytes.length : invalid, Math.min(room, columns.capacity - columns.length), columns.length, columns.vectors, this.scanEnd);
    if (count > 0) {
      csv.skipScanned(this.scanEnd.pos, count);
      columns.length += count;
    }
    return count;
  }

  /** Writes the tokenizer's current record at index `columns.length` of the vectors, or returns why it does not convert. */
  captureInto(tokenizer: TextTokenizer, columns: ColumnBatchBuilder): RecordProblem | undefined {
    const csv = tokenizer as CsvTokenizer;
    if (csv.fieldCount !== this.expectedFields) {
      return { code: 'RECORD_MALFORMED', message: `expected ${this.expectedFields} fields but found ${csv.fieldCount}` };
    }
    const failure = this.failure;
    if ((this.columnWriter as CsvColumnWriter)(csv.bytes, csv.starts, csv.ends, csv.quoted, failure, columns.length, columns.vectors)) {
      columns.commit();
      return undefined;
    }
    return this.problem(failure.column, csv.fieldText(this.fieldIndexes[failure.column] as number) ?? '', failure.marker);
  }

  /** The record → row conversion; also compiles the fast scan (with the same converters) and hands it to the tokenizer. */
  private compileRowConverter(inferred: boolean): CsvRowConverter {
    this.columnPlans = this.types.map((type, i) => {
      const fromText = this.converters[i] as TextConverter;
      return { type, field: this.fieldIndexes[i] as number, fromText, fromSpan: spanConverter(type, fromText, inferred) };
    });
    const shape = { delimiter: this.options.delimiter.charCodeAt(0), quote: this.options.quote.charCodeAt(0), fields: this.expectedFields };
    this.fastScan = this.options.fastScan === false ? undefined : compileCsvFastScan(this.columnPlans, shape);
    if (this.fastScan !== undefined) this.tokenizer?.useFastScan(this.fastScan, this.expectedFields);
    return compileCsvRowConverter(this.columnPlans);
  }

  /** The row of the tokenizer's current record, converted from its field spans (the fast path of `toRow`). */
  private convertSpans(csv: CsvTokenizer, convert: CsvRowConverter): Row | RecordProblem {
    if (csv.fieldCount !== this.expectedFields) {
      return { code: 'RECORD_MALFORMED', message: `expected ${this.expectedFields} fields but found ${csv.fieldCount}` };
    }
    const failure = this.failure;
    const row = convert(csv.bytes, csv.starts, csv.ends, csv.quoted, failure);
    if (row !== undefined) return row;
    return this.problem(failure.column, csv.fieldText(this.fieldIndexes[failure.column] as number) ?? '', failure.marker);
  }

  private problem(column: number, text: string, marker: typeof NOT_A_VALUE | typeof OVERFLOWS): RecordProblem {
    const name = this.names[column] as string;
    const typeText = formatSqlType(this.types[column] as SqlType);
    const shown = text.length > 60 ? `${text.slice(0, 57)}...` : text;
    if (marker === OVERFLOWS) {
      return { code: 'NUMERIC_OVERFLOW', field: name, message: `field '${name}' value '${shown}' overflows ${typeText}` };
    }
    if (!this.inferred) {
      return { code: 'CAST_FAILED', field: name, message: `field '${name}' value '${shown}' cannot be cast to ${typeText}` };
    }
    const columns = this.names.map((n, i) => `${n} ${i === column ? 'STRING' : formatSqlType(this.types[i] as SqlType)}`).join(', ');
    return {
      code: 'CAST_FAILED',
      field: name,
      message:
        `column '${name}' value '${shown}' does not fit the inferred type ${typeText} (inferred from the first ${this.sampleSize} rows); ` +
        `declare the schema, e.g. CREATE STREAM ${this.options.streamName} (${columns})`,
    };
  }
}
