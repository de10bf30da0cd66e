import avro from 'avsc';
import { VeloError, type Codec, type RecordLocation, type Row, type Schema } from '@velots/core';
import { compileAvroType, type AvroSchemaSource } from './avro-type.js';
import { diagnoseDecodeFailure, diagnoseEncodeFailure } from './diagnose.js';
import { avroSchemaError } from './errors.js';
import { compileRecordToRow, compileRowToRecord, type RecordToRow, type RowToRecord } from './row-shape.js';
import { avroSqlSchema } from './sql-types.js';

/** How an Avro codec is built: the reader schema, and the writer schema when the data was written with another. */
export interface AvroCodecOptions {
  /** The schema rows are decoded into and encoded with (Avro JSON text or parsed). */
  readonly schema: AvroSchemaSource | avro.Type;
  /** The schema the payloads were written with, when it differs (schema evolution: resolved writer → reader). */
  readonly writerSchema?: AvroSchemaSource | avro.Type | undefined;
}

function asBuffer(payload: Uint8Array): Buffer {
  return Buffer.isBuffer(payload) ? payload : Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
}

/** An error whose byte offset counted from the body, counted from the start of the framed payload instead. */
function shiftByteOffset(error: VeloError, by: number): VeloError {
  const byteOffset = error.location?.byteOffset;
  if (byteOffset === undefined) return error;
  const location = { ...error.location, byteOffset: byteOffset + by };
  return new VeloError(error.code, error.message.replace(`byte ${byteOffset}`, `byte ${byteOffset + by}`), { location, cause: error.cause });
}

function toType(schema: AvroSchemaSource | avro.Type): avro.Type {
  return avro.Type.isType(schema) ? (schema as avro.Type) : compileAvroType(schema as AvroSchemaSource);
}

function asRecordType(type: avro.Type, role: string): avro.types.RecordType {
  if (!(type instanceof avro.types.RecordType)) throw avroSchemaError(`the Avro ${role} schema must be a record, found ${type.typeName}`);
  return type;
}

/** Bare Avro binary (no framing) ⇄ rows of one record schema; one column per top-level field. */
export class AvroCodec implements Codec {
  readonly format = 'avro';
  readonly schema: Schema;
  /** The reader type: what rows are decoded into and encoded with. */
  readonly type: avro.types.RecordType;
  /** The type payloads were written with (the reader type unless evolution was asked for). */
  readonly writerType: avro.types.RecordType;
  private readonly resolver: avro.Resolver | undefined;
  private readonly recordToRow: RecordToRow;
  private readonly rowToRecord: RowToRecord;
  private scratch = Buffer.allocUnsafe(4096);

  constructor(options: AvroCodecOptions) {
    this.type = asRecordType(toType(options.schema), 'reader');
    this.writerType = options.writerSchema === undefined ? this.type : asRecordType(toType(options.writerSchema), 'writer');
    if (this.writerType !== this.type) {
      try {
        this.resolver = this.type.createResolver(this.writerType);
      } catch (error) {
        throw avroSchemaError(`the Avro writer schema ${this.writerType.name ?? ''} cannot be read as ${this.type.name ?? 'the reader schema'}: ${(error as Error).message}`, error);
      }
    }
    this.schema = avroSqlSchema(this.type);
    this.recordToRow = compileRecordToRow(this.type);
    this.rowToRecord = compileRowToRecord(this.type);
  }

  /** Decodes one Avro payload into a row; SERDE_DECODE with the byte offset and field on malformed input. */
  decode(payload: Uint8Array, location?: RecordLocation): Row {
    const buffer = asBuffer(payload);
    let record: unknown;
    try {
      record = this.type.fromBuffer(buffer, this.resolver);
    } catch (error) {
      throw diagnoseDecodeFailure(this.writerType, buffer, location, error);
    }
    return this.recordToRow(record);
  }

  /**
   * Decodes the Avro body that starts at `offset` of a framed payload, without slicing it; byte offsets in errors
   * count from the start of the payload.
   */
  decodeAt(payload: Uint8Array, offset: number, location?: RecordLocation): Row {
    const buffer = asBuffer(payload);
    let result: { value: unknown; offset: number } | undefined;
    try {
      result = this.type.decode(buffer, offset, this.resolver);
    } catch {
      result = undefined;
    }
    if (result === undefined || result.offset !== buffer.length) {
      const body = buffer.subarray(offset);
      const failure = new Error(result === undefined ? 'invalid data' : result.offset < 0 ? 'truncated buffer' : 'trailing data');
      const error = diagnoseDecodeFailure(this.writerType, body, location, failure);
      throw shiftByteOffset(error, offset);
    }
    return this.recordToRow(result.value);
  }

  /** Encodes one row after `prefix` (a Confluent frame header) in one buffer, without a second copy of the body. */
  encodeWithPrefix(row: Row, prefix: Uint8Array): Uint8Array {
    let record: unknown;
    try {
      record = this.rowToRecord(row);
      for (;;) {
        const scratch = this.scratch;
        scratch.set(prefix, 0);
        const end = this.type.encode(record, scratch, prefix.length);
        if (end >= 0) return Buffer.from(scratch.subarray(0, end));
        this.scratch = Buffer.allocUnsafe(Math.max(scratch.length * 2, scratch.length - end));
      }
    } catch (error) {
      throw diagnoseEncodeFailure(this.type, record, error);
    }
  }

  /** Encodes one row with the reader schema; SERDE_ENCODE naming the field whose value the schema cannot hold. */
  encode(row: Row): Uint8Array {
    let record: unknown;
    try {
      record = this.rowToRecord(row);
      return this.type.toBuffer(record);
    } catch (error) {
      throw diagnoseEncodeFailure(this.type, record, error);
    }
  }
}

/** An Avro codec for `options.schema` (and `options.writerSchema` when payloads were written with another). */
export function createAvroCodec(options: AvroCodecOptions): AvroCodec {
  return new AvroCodec(options);
}
