import { Schema, field, formatSqlType, type Row, type SqlType } from '@velots/core';
import type { RecordFormat, RecordProblem } from '../file/record-format.js';
import type { TextTokenizer } from '../file/text-record-reader.js';
import {
  JsonSyntaxError,
  JsonTypeAccumulator,
  NOT_A_VALUE,
  OBJECT_FIELDS_READ,
  OVERFLOWS,
  declaredJsonConverter,
  inferredJsonConverter,
  parseJsonExact,
  parseJsonObjectInto,
  type JsonConverter,
  type JsonObject,
  type JsonValue,
} from '@velots/serde-json';
import { JsonRecordTokenizer } from './json-record-tokenizer.js';

function isObject(value: JsonValue): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !('unscaled' in value);
}

/** What `capture` returns: the parsed object until the schema is fixed (header-less sampling), then the row. */
type JsonCaptured = JsonObject | Row;

/**
 * JSON lines (or a top-level array) → rows: each record must be an object; columns are the union of the
 * sampled objects' keys in first-seen order (or the declared schema), a missing key is NULL. Once the schema is
 * fixed, a record is parsed straight into its columns' values (the same exact parser, no object built, keys
 * not in the schema parsed and dropped) and converted at once, so `capture` gives the row.
 */
export class JsonRecordFormat implements RecordFormat<JsonCaptured> {
  readonly name = 'json';
  readonly hasHeader = false;
  readonly capturesRows = true;
  /** Each column's index by its name; set once the schema is fixed. */
  private columnIndex: Map<string, number> | undefined;
  /** Each column's name as a JSON string (`"name"`), in column order: the keys a record usually has, in that order. */
  private expectedKeys: string[] = [];
  /** The values the parser found for the current record, by column (reused). */
  private readonly values: (JsonValue | undefined)[] = [];
  private readonly columns = new Map<string, JsonTypeAccumulator>();
  private names: string[] = [];
  private types: SqlType[] = [];
  private converters: JsonConverter[] = [];
  private inferred = false;
  private sampleSize = 0;

  /** `intoColumns` false: every record is parsed into an object and then converted (the reference tests compare with). */
  constructor(
    private readonly streamName: string,
    private readonly intoColumns = true,
  ) {}

  createTokenizer(firstLine: number): TextTokenizer {
    return new JsonRecordTokenizer(firstLine);
  }

  capture(tokenizer: TextTokenizer): JsonCaptured | RecordProblem {
    const json = tokenizer as JsonRecordTokenizer;
    const text = json.recordText();
    if (this.columnIndex !== undefined) return this.parseRow(text, this.columnIndex);
    let value: JsonValue;
    try {
      value = parseJsonExact(text);
    } catch (error) {
      if (!(error instanceof JsonSyntaxError)) throw error;
      return syntaxProblem(text, error);
    }
    if (!isObject(value)) {
      return { code: 'RECORD_MALFORMED', message: `expected a JSON object, found ${describe(value)}`, column: 1 };
    }
    return value;
  }

  acceptHeader(): void {
    // JSON has no header row.
  }

  sample(record: JsonObject): void {
    for (const key of Object.keys(record)) {
      let acc = this.columns.get(key);
      if (!acc) this.columns.set(key, (acc = new JsonTypeAccumulator()));
      acc.add(record[key]);
    }
  }

  resolveSchema(declared: Schema | undefined, sampleSize: number): Schema {
    this.sampleSize = sampleSize;
    if (declared) {
      this.names = declared.names.slice();
      this.types = declared.fields.map((f) => f.type);
      this.converters = this.types.map((t) => declaredJsonConverter(t));
      this.indexColumns();
      return declared;
    }
    this.inferred = true;
    this.names = [...this.columns.keys()];
    this.types = [...this.columns.values()].map((acc) => acc.type());
    this.converters = this.types.map((t) => inferredJsonConverter(t));
    this.indexColumns();
    return new Schema(this.names.map((name, i) => field(name, this.types[i] as SqlType)));
  }

  toRow(captured: JsonCaptured): Row | RecordProblem {
    // Records captured once the schema was fixed are rows already.
    if (Array.isArray(captured)) return captured;
    const record = captured as JsonObject;
    const n = this.names.length;
    const row: Row = new Array(n);
    for (let i = 0; i < n; i++) {
      const name = this.names[i] as string;
      const value = Object.prototype.hasOwnProperty.call(record, name) ? record[name] : undefined;
      if (value === null || value === undefined) {
        row[i] = null;
        continue;
      }
      const converted = (this.converters[i] as JsonConverter)(value);
      if (converted === NOT_A_VALUE || converted === OVERFLOWS) return this.problem(i, value, converted);
      row[i] = converted;
    }
    return row;
  }

  private indexColumns(): void {
    // Two columns of one name would both read its value: only `toRow` does that.
    if (!this.intoColumns || new Set(this.names).size !== this.names.length) return;
    this.columnIndex = new Map(this.names.map((name, i) => [name, i]));
    this.expectedKeys = this.names.map((name) => JSON.stringify(name));
  }

  /** The row of one record text, parsed into the columns' values; or the record's problem (as `capture` + `toRow` give it). */
  private parseRow(text: string, columns: ReadonlyMap<string, number>): Row | RecordProblem {
    const values = this.values;
    const n = this.names.length;
    for (let i = 0; i < n; i++) values[i] = undefined;
    let top: JsonValue | typeof OBJECT_FIELDS_READ;
    try {
      top = parseJsonObjectInto(text, columns, values, this.expectedKeys);
    } catch (error) {
      if (!(error instanceof JsonSyntaxError)) throw error;
      return syntaxProblem(text, error);
    }
    if (top !== OBJECT_FIELDS_READ) return { code: 'RECORD_MALFORMED', message: `expected a JSON object, found ${describe(top)}`, column: 1 };
    const row: Row = new Array(n);
    for (let i = 0; i < n; i++) {
      const value = values[i];
      if (value === null || value === undefined) {
        row[i] = null;
        continue;
      }
      const converted = (this.converters[i] as JsonConverter)(value);
      if (converted === NOT_A_VALUE || converted === OVERFLOWS) return this.problem(i, value, converted);
      row[i] = converted;
    }
    return row;
  }

  private problem(column: number, value: JsonValue, marker: typeof NOT_A_VALUE | typeof OVERFLOWS): RecordProblem {
    const name = this.names[column] as string;
    const typeText = formatSqlType(this.types[column] as SqlType);
    const shown = describeValue(value);
    if (marker === OVERFLOWS) return { code: 'NUMERIC_OVERFLOW', field: name, message: `field '${name}' value ${shown} overflows ${typeText}` };
    if (!this.inferred) return { code: 'CAST_FAILED', field: name, message: `field '${name}' value ${shown} cannot be cast to ${typeText}` };
    const columns = this.names.map((n, i) => `${n} ${i === column ? 'STRING' : formatSqlType(this.types[i] as SqlType)}`).join(', ');
    return {
      code: 'CAST_FAILED',
      field: name,
      message:
        `column '${name}' value ${shown} does not fit the inferred type ${typeText} (inferred from the first ${this.sampleSize} rows); ` +
        `declare the schema, e.g. CREATE STREAM ${this.streamName} (${columns})`,
    };
  }
}

function describe(value: JsonValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'a number';
  return typeof value === 'string' ? 'a string' : typeof value === 'boolean' ? 'a boolean' : 'a number';
}

function describeValue(value: JsonValue): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : typeof value === 'object' && value !== null && !('unscaled' in value) ? JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) : String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** The problem of a record that is not JSON: the parser's message at its line and column within the record. */
function syntaxProblem(text: string, error: JsonSyntaxError): RecordProblem {
  const { line, column } = lineAndColumn(text, error.offset);
  return { code: 'RECORD_MALFORMED', message: `invalid JSON: ${error.message}`, column, lineDelta: line };
}

/** 0-based line delta and 1-based column of an offset in a record text (a top-level array element may span lines). */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
