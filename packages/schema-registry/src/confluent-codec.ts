import { ErrorCodes, VeloError, isVeloError, type Codec, type RecordLocation, type Row, type Schema } from '@velots/core';
import { decodeConfluentFrame, encodeConfluentFrame, peekSchemaId } from './confluent-frame.js';
import { frameDecodeError } from './errors.js';
import type { RegistrySchemaType, SchemaRegistryClient } from './registry-client.js';
import type { RegistryFormat } from './registry-format.js';

/** How a Confluent-framed codec is set up. */
export interface ConfluentCodecOptions {
  readonly registry: SchemaRegistryClient;
  /** The subject (`value.subject`, default `<topic>-value`). */
  readonly subject: string;
  readonly format: RegistryFormat;
  /** `read` (default): decode any registered writer schema; `write`: register the local schema and encode with it. */
  readonly mode?: 'read' | 'write' | undefined;
  /** In write mode, register the schema (default) or only look it up (fails when it is not registered). */
  readonly autoRegister?: boolean | undefined;
}

/** Optional fast paths of a format codec: decode a body in place, encode straight after the frame header. */
interface FramingAwareCodec extends Codec {
  decodeAt?(payload: Uint8Array, offset: number, location?: RecordLocation): Row;
  encodeWithPrefix?(row: Row, prefix: Uint8Array): Uint8Array;
}

/** A schema id the registry does not know. */
const UNKNOWN = null;

/** A writer schema the reader cannot read (another schema type, an incompatible evolution): its records fail alone. */
class UnreadableWriter {
  constructor(readonly reason: string) {}
}

/**
 * Rows ⇄ Confluent wire format (magic byte 0, schema id, [message indexes,] body). Reading: `prepare` fetches
 * every new schema id of a batch once (then cached) and builds a codec per writer schema resolved against the
 * reader schema, so `decode` stays synchronous. Writing: rows are encoded with the registered local schema.
 */
export class ConfluentCodec implements Codec {
  readonly format: string;
  readonly schema: Schema;
  private readonly schemaType: RegistrySchemaType;
  private readonly withIndexes: boolean;
  private readonly writers = new Map<number, FramingAwareCodec | typeof UNKNOWN | UnreadableWriter>();
  /** The frame header of written payloads: magic byte, schema id, message indexes. */
  private readonly header: Uint8Array;

  constructor(
    private readonly options: ConfluentCodecOptions,
    private readonly readerSchema: string,
    private readonly primary: FramingAwareCodec,
    private readonly writerId: number | undefined,
    private readonly writerIndexes: readonly number[],
  ) {
    this.format = primary.format;
    this.schema = primary.schema;
    this.schemaType = options.format.schemaType;
    this.withIndexes = options.format.messageIndexes;
    this.header = encodeConfluentFrame(writerId ?? 0, new Uint8Array(0), this.withIndexes ? writerIndexes : undefined);
  }

  /** Fetches the writer schemas of ids not seen yet (one request per new id, shared by concurrent batches). */
  async prepare(payloads: readonly Uint8Array[]): Promise<void> {
    const missing = new Set<number>();
    for (const payload of payloads) {
      const id = peekSchemaId(payload);
      if (id !== undefined && !this.writers.has(id)) missing.add(id);
    }
    if (missing.size === 0) return;
    await Promise.all([...missing].map((id) => this.loadWriter(id)));
  }

  private async loadWriter(id: number): Promise<void> {
    const registered = await this.options.registry.getSchema(id);
    if (!registered) {
      this.writers.set(id, UNKNOWN);
      return;
    }
    if (registered.schemaType !== this.schemaType) {
      this.writers.set(id, new UnreadableWriter(`it is a ${registered.schemaType} schema, but '${this.options.subject}' is read as ${this.schemaType}`));
      return;
    }
    try {
      // Protobuf message indexes pick a message type inside the writer schema; the reader decodes by field numbers.
      this.writers.set(id, this.options.format.readerCodec(this.readerSchema, registered.schema, []));
    } catch (error) {
      if (!isVeloError(error)) throw error;
      this.writers.set(id, new UnreadableWriter(error.message));
    }
  }

  /** Decodes a framed payload; SERDE_DECODE on a wrong magic byte, an unknown schema id or a malformed body. */
  decode(payload: Uint8Array, location?: RecordLocation): Row {
    const frame = decodeConfluentFrame(payload, this.withIndexes, location);
    const codec = this.writers.get(frame.schemaId);
    if (codec === undefined || codec === UNKNOWN) {
      const reason = codec === UNKNOWN ? 'the schema registry has no such schema' : 'not fetched: call prepare() with the batch first';
      throw frameDecodeError(`unknown schema id ${frame.schemaId} (${reason})`, location, 1);
    }
    if (codec instanceof UnreadableWriter) {
      throw frameDecodeError(`schema id ${frame.schemaId} cannot be read: ${codec.reason}`, location, 1);
    }
    if (codec.decodeAt) return codec.decodeAt(payload, frame.bodyOffset, location);
    try {
      return codec.decode(payload.subarray(frame.bodyOffset), location);
    } catch (error) {
      throw shiftByteOffset(error, frame.bodyOffset);
    }
  }

  /** Encodes a row with the registered writer schema, framed with its id. */
  encode(row: Row): Uint8Array {
    if (this.writerId === undefined) {
      throw new VeloError(ErrorCodes.SERDE_ENCODE, `the Confluent codec of '${this.options.subject}' was opened for reading, not writing`);
    }
    if (this.primary.encodeWithPrefix) return this.primary.encodeWithPrefix(row, this.header);
    const body = this.primary.encode(row);
    const out = new Uint8Array(this.header.length + body.length);
    out.set(this.header, 0);
    out.set(body, this.header.length);
    return out;
  }
}

/** A body error's byte offset counted from the start of the framed payload instead of the body. */
function shiftByteOffset(error: unknown, bodyOffset: number): unknown {
  if (!isVeloError(error) || error.location?.byteOffset === undefined) return error;
  const location = { ...error.location, byteOffset: error.location.byteOffset + bodyOffset };
  const message = error.message.replace(/byte \d+/, `byte ${location.byteOffset}`);
  return new VeloError(error.code, message, { location, cause: error.cause, details: error.details });
}

/**
 * Opens a Confluent-framed codec. Reading: the reader schema is the local one, else the latest version under the
 * subject. Writing: the local schema is registered under the subject (or looked up when `autoRegister` is false).
 */
export async function createConfluentCodec(options: ConfluentCodecOptions): Promise<ConfluentCodec> {
  const { registry, subject, format } = options;
  const schemaType = format.schemaType;
  if ((options.mode ?? 'read') === 'read') {
    let readerSchema = format.localSchema;
    if (readerSchema === undefined) {
      const latest = await registry.latest(subject);
      if (!latest) {
        throw new VeloError(ErrorCodes.CONFIG, `the schema registry has no subject '${subject}' and no local ${schemaType} schema is configured`);
      }
      readerSchema = latest.schema;
    }
    return new ConfluentCodec(options, readerSchema, format.readerCodec(readerSchema, readerSchema, []), undefined, []);
  }
  const writerSchema = format.localSchema;
  if (writerSchema === undefined) {
    throw new VeloError(ErrorCodes.CONFIG, `writing '${subject}' needs a local ${schemaType} schema (configured or derived from the output columns)`);
  }
  const { codec, indexes } = format.writerCodec(writerSchema);
  let id: number;
  if (options.autoRegister ?? true) {
    id = await registry.register(subject, { schema: writerSchema, schemaType });
  } else {
    const found = await registry.lookup(subject, { schema: writerSchema, schemaType });
    if (!found) throw new VeloError(ErrorCodes.CONFIG, `the ${schemaType} schema is not registered under '${subject}' and auto-registration is off`);
    id = found.id;
  }
  return new ConfluentCodec(options, writerSchema, codec, id, indexes);
}

/** The default subject of a topic's values (Confluent's TopicNameStrategy): `<topic>-value`. */
export function valueSubject(topic: string): string {
  return `${topic}-value`;
}
