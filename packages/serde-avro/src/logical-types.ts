import avro from 'avsc';
import { isDecimalValue, type DecimalValue } from '@velots/core';
import { Decimal, decimalFromAvroBytes, decimalToAvroBytes, decimalToAvroFixed } from '@velots/decimal';

type AvroSchemaObject = { readonly [key: string]: unknown };

/** The part of avsc's `Tap` (its cursor over a buffer) the decimal type reads and writes in place. */
interface Tap {
  buf: Buffer;
  pos: number;
  readLong(): number;
  writeLong(n: number): void;
}

/** Unscaled values up to 6 bytes (47 bits of magnitude) are read and written in exact number arithmetic. */
const NUMBER_BYTES = 6;
const NUMBER_LIMIT = 2 ** (8 * NUMBER_BYTES - 1);

/** Bytes of the minimal two's complement of a safe integer below 2^47 in magnitude. */
function twosComplementLength(unscaled: number): number {
  let length = 1;
  while (unscaled < -(2 ** (8 * length - 1)) || unscaled >= 2 ** (8 * length - 1)) length++;
  return length;
}

/** The Avro `decimal` logical type as an exact `Decimal` at the schema's scale (bytes or fixed, big-endian two's complement). */
export class AvroDecimalType extends avro.types.LogicalType {
  readonly precision: number;
  readonly scale: number;
  /** The fixed size in bytes, or undefined for `bytes`. */
  readonly fixedSize: number | undefined;

  constructor(schema: avro.Schema, opts?: unknown) {
    super(schema, opts);
    const attrs = schema as AvroSchemaObject;
    const precision = attrs['precision'];
    const scale = attrs['scale'] ?? 0;
    if (typeof precision !== 'number' || !Number.isInteger(precision) || precision < 1) {
      throw new Error(`decimal logical type needs a positive integer precision, found ${String(precision)}`);
    }
    if (typeof scale !== 'number' || !Number.isInteger(scale) || scale < 0 || scale > precision) {
      throw new Error(`decimal logical type needs a scale between 0 and the precision ${precision}, found ${String(scale)}`);
    }
    this.precision = precision;
    this.scale = scale;
    const underlying = this.underlyingType as avro.Type & { size?: number };
    this.fixedSize = underlying.typeName === 'fixed' ? underlying.size : undefined;
  }

  /** Reads the decimal straight from the payload (no intermediate Buffer per value). */
  _read(tap: Tap): Decimal | null {
    const length = this.fixedSize ?? tap.readLong();
    const start = tap.pos;
    const end = start + length;
    tap.pos = end;
    const buf = tap.buf;
    // Past the end: avsc sees pos > length and reports the truncation.
    if (end > buf.length || length < 0) return null;
    if (length === 0 || length > NUMBER_BYTES) return decimalFromAvroBytes(buf.subarray(start, end), this.scale);
    let value = 0;
    for (let i = start; i < end; i++) value = value * 256 + (buf[i] as number);
    if ((buf[start] as number) & 0x80) value -= 2 ** (8 * length);
    return Decimal.fromUnscaled(value, this.scale);
  }

  /** Writes the decimal straight into avsc's buffer when its unscaled value is a small number at the schema scale. */
  _write(tap: Tap, value: unknown): void {
    const unscaled = isDecimalValue(value) && value.scale === this.scale ? value.unscaled : undefined;
    if (typeof unscaled !== 'number' || unscaled >= NUMBER_LIMIT || unscaled < -NUMBER_LIMIT) {
      const bytes = this._toValue(value);
      if (bytes === undefined) throw new Error(`invalid decimal: ${String(value)}`);
      (this.underlyingType as unknown as { _write(tap: Tap, value: Buffer): void })._write(tap, bytes);
      return;
    }
    const minimal = twosComplementLength(unscaled);
    const length = this.fixedSize ?? minimal;
    if (length < minimal) throw new Error(`decimal ${String(value)} needs ${minimal} bytes, more than the fixed size ${length}`);
    if (this.fixedSize === undefined) tap.writeLong(length);
    const buf = tap.buf;
    const start = tap.pos;
    tap.pos = start + length;
    // Writes past the end are dropped; avsc sees pos > length and retries with a larger buffer.
    let rest = unscaled < 0 ? unscaled + 2 ** (8 * minimal) : unscaled;
    for (let i = start + length - 1; i >= start + length - minimal; i--) {
      buf[i] = rest % 256;
      rest = Math.floor(rest / 256);
    }
    const fill = unscaled < 0 ? 0xff : 0x00;
    for (let i = start; i < start + length - minimal; i++) buf[i] = fill;
  }

  protected override _fromValue(bytes: Buffer): Decimal {
    return decimalFromAvroBytes(bytes, this.scale);
  }

  protected override _toValue(value: unknown): Buffer | undefined {
    const decimal = toDecimalValue(value);
    if (decimal === undefined) return undefined;
    const bytes = this.fixedSize === undefined ? decimalToAvroBytes(decimal, this.scale) : decimalToAvroFixed(decimal, this.fixedSize, this.scale);
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  protected override _resolve(writer: avro.Type): ((value: unknown) => unknown) | undefined {
    if (writer instanceof AvroDecimalType) {
      return writer.scale === this.scale ? (v) => v : (v) => Decimal.from(v as DecimalValue).rescale(this.scale);
    }
    const name = writer.typeName;
    if (name === 'bytes' || name === 'fixed') return (v) => this._fromValue(v as Buffer);
    return undefined;
  }
}

function toDecimalValue(value: unknown): DecimalValue | undefined {
  if (isDecimalValue(value)) return value;
  if (typeof value === 'bigint' || (typeof value === 'number' && Number.isSafeInteger(value))) return Decimal.fromInteger(value);
  return undefined;
}

/** A logical type whose values already are the SQL values (epoch ms, days, UUID text): kept for the SQL mapping. */
class SqlValuedLogicalType extends avro.types.LogicalType {
  protected override _fromValue(value: unknown): unknown {
    return value;
  }

  protected override _toValue(value: unknown): unknown {
    return value;
  }

  protected override _resolve(writer: avro.Type): ((value: unknown) => unknown) | undefined {
    const underlying = this.underlyingType.typeName;
    if (writer.typeName === this.typeName || writer.typeName === underlying) return (v) => v;
    if (writer instanceof AvroTimestampMicrosType && this instanceof AvroTimestampMillisType) return (v) => v;
    if (underlying === 'long' && writer.typeName === 'int') return (v) => v;
    return undefined;
  }
}

/** `timestamp-millis` (and `local-timestamp-millis`): epoch milliseconds, the SQL TIMESTAMP value itself. */
export class AvroTimestampMillisType extends SqlValuedLogicalType {}

/** `date`: days since 1970-01-01, the SQL DATE value itself. */
export class AvroDateType extends SqlValuedLogicalType {}

/** `uuid`: the UUID text. */
export class AvroUuidType extends SqlValuedLogicalType {}

/** `timestamp-micros`: epoch microseconds on the wire, epoch milliseconds (floored) as SQL TIMESTAMP. */
export class AvroTimestampMicrosType extends avro.types.LogicalType {
  protected override _fromValue(micros: number | bigint): number {
    if (typeof micros === 'number') return Math.floor(micros / 1000);
    const floored = micros / 1000n - (micros % 1000n < 0n ? 1n : 0n);
    return Number(floored);
  }

  protected override _toValue(millis: unknown): number | bigint | undefined {
    if (typeof millis !== 'number' || !Number.isSafeInteger(millis)) return undefined;
    const micros = millis * 1000;
    return Number.isSafeInteger(micros) ? micros : BigInt(millis) * 1000n;
  }

  protected override _resolve(writer: avro.Type): ((value: unknown) => unknown) | undefined {
    if (writer instanceof AvroTimestampMillisType || writer instanceof AvroTimestampMicrosType) return (v) => v;
    if (writer.typeName === 'long' || writer.typeName === 'int') return (v) => this._fromValue(v as number | bigint);
    return undefined;
  }
}

/** The logical types Velo TS maps to SQL types, by their Avro name. */
export const LOGICAL_TYPES = {
  decimal: AvroDecimalType,
  'timestamp-millis': AvroTimestampMillisType,
  'local-timestamp-millis': AvroTimestampMillisType,
  'timestamp-micros': AvroTimestampMicrosType,
  'local-timestamp-micros': AvroTimestampMicrosType,
  date: AvroDateType,
  uuid: AvroUuidType,
};
