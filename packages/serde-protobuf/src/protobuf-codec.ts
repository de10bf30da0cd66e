import protobuf from 'protobufjs';
import { Schema, field, isVeloError, type Codec, type RecordLocation, type Row } from '@velots/core';
import { checkedReader } from './checked-reader.js';
import { protobufDecodeError, protobufEncodeError } from './errors.js';
import { messageFields, type DecimalFields } from './field-kinds.js';
import { messageIndexes, messageType, parseProto, type ParsedProto } from './proto-schema.js';
import { compileMessageToRow, compileRowToMessage, type MessageToRow, type RowToMessage } from './row-shape.js';

/** How a Protobuf codec is built (`protobuf.schema[.file]`, `protobuf.message.type`). */
export interface ProtobufCodecOptions {
  /** The `.proto` text. */
  readonly schema: string;
  /** The message type (full name or relative to the file's package); default: the file's first message. */
  readonly messageType?: string | undefined;
  /** `string` fields (or units/nanos messages) read as DECIMAL(p,s), by dotted field path. */
  readonly decimals?: DecimalFields | undefined;
}

const OFFSET_IN_MESSAGE = /(?:index out of range: (\d+)|at offset (\d+))/;

/** Bare Protobuf (no framing) ⇄ rows of one message type; one column per field, in declaration order. */
export class ProtobufCodec implements Codec {
  readonly format = 'protobuf';
  readonly schema: Schema;
  /** The message type rows are decoded from and encoded as. */
  readonly type: protobuf.Type;
  /** The message indexes of the type in its file (the Confluent framing's list). */
  readonly messageIndexes: readonly number[];
  private readonly messageToRow: MessageToRow;
  private readonly rowToMessage: RowToMessage;

  constructor(options: ProtobufCodecOptions, parsed: ParsedProto = parseProto(options.schema)) {
    const decimals = options.decimals ?? {};
    this.type = messageType(parsed, options.messageType);
    this.messageIndexes = messageIndexes(parsed, this.type);
    this.schema = new Schema(messageFields(this.type, decimals).map((f) => field(f.name, f.type, f.nullable)));
    this.messageToRow = compileMessageToRow(this.type, decimals);
    this.rowToMessage = compileRowToMessage(this.type, decimals);
  }

  /** Decodes one message into a row; SERDE_DECODE with the byte offset on malformed input. */
  decode(payload: Uint8Array, location?: RecordLocation): Row {
    let message: protobuf.Message;
    try {
      message = this.type.decode(checkedReader(payload));
    } catch (error) {
      const match = OFFSET_IN_MESSAGE.exec((error as Error).message);
      const offset = match ? Number(match[1] ?? match[2]) : undefined;
      const reason = (error as Error).message.startsWith('index out of range') ? `truncated: ${(error as Error).message}` : (error as Error).message;
      throw protobufDecodeError(reason, location, offset, error);
    }
    try {
      return this.messageToRow(message);
    } catch (error) {
      throw protobufDecodeError(`a field value cannot be read: ${(error as Error).message}`, location, undefined, error);
    }
  }

  /** Encodes one row; SERDE_ENCODE naming the field whose value the message type cannot hold. */
  encode(row: Row): Uint8Array {
    let message: Record<string, unknown>;
    try {
      message = this.rowToMessage(row);
    } catch (error) {
      throw this.encodeFailure(row, error);
    }
    return this.type.encode(message).finish();
  }

  private encodeFailure(row: Row, error: unknown): Error {
    if (isVeloError(error)) return error;
    const message = (error as Error).message;
    // Encode each column alone to find the one that fails (the error path only).
    const culprit = this.type.fieldsArray.find((_f, i) => {
      try {
        this.rowToMessage(row.map((v, j) => (j === i ? v : null)));
        return false;
      } catch {
        return true;
      }
    })?.name;
    return protobufEncodeError(culprit ?? '(message)', message, error);
  }
}

/** A Protobuf codec for a message type of a `.proto` text. */
export function createProtobufCodec(options: ProtobufCodecOptions): ProtobufCodec {
  return new ProtobufCodec(options);
}

/** The SQL schema of a message type: one column per field (ARRAY for repeated, MAP for maps, STRUCT for messages). */
export function protobufSqlSchema(schema: string, messageTypeName?: string, decimals?: DecimalFields): Schema {
  return new ProtobufCodec({ schema, messageType: messageTypeName, decimals }).schema;
}
