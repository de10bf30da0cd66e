import avro from 'avsc';
import type { Codec, RecordLocation, Row, Schema } from '@velots/core';
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
    const buffer = Buffer.isBuffer(payload) ? payload : Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
    let record: unknown;
    try {
      record = this.type.fromBuffer(buffer, this.resolver);
    } catch (error) {
      throw diagnoseDecodeFailure(this.writerType, buffer, location, error);
    }
    return this.recordToRow(record);
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
