import type { RecordLocation } from './errors.js';
import type { Schema } from './schema.js';
import type { Row } from './values.js';

/**
 * Bytes ⇄ rows for one schema (JSON, Avro, Protobuf, CSV text). `decode` and `encode` are
 * synchronous, called once per record inside a batch loop; anything that needs I/O (a schema
 * registry lookup) happens in `prepare`, once per batch, before decoding it.
 */
export interface Codec {
  readonly format: string;
  /** The schema rows are decoded into and encoded from. */
  readonly schema: Schema;
  /** Fetches whatever the payloads refer to (schema ids), so that decode can stay synchronous. */
  prepare?(payloads: readonly Uint8Array[]): Promise<void>;
  /** Decodes one payload; throws VeloError(SERDE_DECODE) naming `location` and the field on bad input. */
  decode(payload: Uint8Array, location?: RecordLocation): Row;
  /** Encodes one row; throws VeloError(SERDE_ENCODE) naming the field on a value the format cannot hold. */
  encode(row: Row): Uint8Array;
}
