import { ErrorCodes, Schema, SqlTypes, VeloError, type Codec, type Row } from '@velots/core';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const encoder = new TextEncoder();

/** `value.format = 'string'`: the whole message value as one STRING column `value` (UTF-8). */
export class StringMessageCodec implements Codec {
  readonly format = 'string';
  readonly schema = Schema.of(['value', SqlTypes.STRING]);

  decode(payload: Uint8Array): Row {
    try {
      return [utf8.decode(payload)];
    } catch (error) {
      throw new VeloError(ErrorCodes.SERDE_DECODE, 'message value is not UTF-8 text', { cause: error });
    }
  }

  encode(row: Row): Uint8Array {
    return encoder.encode(textOf(row));
  }
}

/** `value.format = 'bytes'`: the message value as one BYTES column `value`, untouched. */
export class BytesMessageCodec implements Codec {
  readonly format = 'bytes';
  readonly schema = Schema.of(['value', SqlTypes.BYTES]);

  decode(payload: Uint8Array): Row {
    return [payload];
  }

  encode(row: Row): Uint8Array {
    const value = row[0] ?? null;
    return value instanceof Uint8Array ? value : encoder.encode(textOf(row));
  }
}

/** The single column of a `string`/`bytes` sink row as text; several columns are an encode error. */
function textOf(row: Row): string {
  if (row.length !== 1) throw new VeloError(ErrorCodes.SERDE_ENCODE, `a 'string' or 'bytes' value needs exactly one column, the row has ${row.length}`);
  const value = row[0] ?? null;
  if (value === null) return '';
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  return typeof value === 'object' ? JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) : String(value);
}
