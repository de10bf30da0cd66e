// Avro's decimal logical type: the unscaled integer as big-endian two's complement, in `bytes` (minimal
// length) or `fixed` (sign-extended to the fixed size). The scale is the schema's, not in the data.
import type { DecimalValue } from '@velots/core';
import { Decimal } from './decimal.js';
import { decimalParseError, numericOverflow } from './errors.js';
import { rescaleUnscaled } from './rescale.js';
import { checkedUnscaled, toBigUnscaled, type Unscaled } from './unscaled.js';

/** Up to 6 bytes (48 bits) the value is decoded in number arithmetic, exactly. */
const NUMBER_DECODE_MAX_BYTES = 6;

/** The unscaled value at `scale` (HALF_UP when the schema's scale is smaller than the value's). */
function unscaledAt(value: DecimalValue, scale: number | undefined): Unscaled {
  return scale === undefined || scale === value.scale
    ? value.unscaled
    : rescaleUnscaled(value.unscaled, value.scale, scale);
}

/** Minimal big-endian two's complement of an integer: 0 → [0x00], −1 → [0xff], 128 → [0x00, 0x80]. */
function twosComplement(unscaled: Unscaled): Uint8Array {
  if (typeof unscaled === 'number' && unscaled >= -0x80000000 && unscaled <= 0x7fffffff) {
    let length = 1;
    while (length < 4 && (unscaled < -(2 ** (8 * length - 1)) || unscaled >= 2 ** (8 * length - 1))) length++;
    const bytes = new Uint8Array(length);
    // Int32 shifts sign-extend, which is exactly two's complement for these lengths.
    for (let i = 0; i < length; i++) bytes[length - 1 - i] = (unscaled >> (8 * i)) & 0xff;
    return bytes;
  }
  const value = toBigUnscaled(unscaled);
  let length = 1;
  while (value < -(1n << BigInt(8 * length - 1)) || value >= 1n << BigInt(8 * length - 1)) length++;
  let bits = BigInt.asUintN(8 * length, value);
  const bytes = new Uint8Array(length);
  for (let i = length - 1; i >= 0; i--) {
    bytes[i] = Number(bits & 0xffn);
    bits >>= 8n;
  }
  return bytes;
}

/** Avro `bytes` decimal: minimal big-endian two's complement of the unscaled value at `scale` (the value's own when absent). */
export function decimalToAvroBytes(value: DecimalValue, scale?: number): Uint8Array {
  return twosComplement(unscaledAt(value, scale));
}

/** Avro `fixed` decimal of `size` bytes, sign-extended; NUMERIC_OVERFLOW when the value needs more bytes. */
export function decimalToAvroFixed(value: DecimalValue, size: number, scale?: number): Uint8Array {
  const minimal = twosComplement(unscaledAt(value, scale));
  if (minimal.length > size) {
    throw numericOverflow(
      `DECIMAL ${value.toString()} needs ${minimal.length} bytes, more than the Avro fixed size ${size}`,
    );
  }
  const bytes = new Uint8Array(size);
  bytes.fill((minimal[0] as number) & 0x80 ? 0xff : 0x00, 0, size - minimal.length);
  bytes.set(minimal, size - minimal.length);
  return bytes;
}

/** Reads an Avro `bytes` or `fixed` decimal (big-endian two's complement) at the schema's `scale`. */
export function decimalFromAvroBytes(bytes: Uint8Array, scale: number): Decimal {
  const length = bytes.length;
  if (length === 0) throw decimalParseError('', 'an Avro decimal needs at least one byte');
  if (length <= NUMBER_DECODE_MAX_BYTES) {
    let value = 0;
    for (let i = 0; i < length; i++) value = value * 256 + (bytes[i] as number);
    if ((bytes[0] as number) & 0x80) value -= 2 ** (8 * length);
    return Decimal.fromUnscaled(value, scale);
  }
  let bits = 0n;
  for (let i = 0; i < length; i++) bits = (bits << 8n) | BigInt(bytes[i] as number);
  return Decimal.fromUnscaled(checkedUnscaled(BigInt.asIntN(8 * length, bits), 'Avro decimal'), scale);
}

/** Reads an Avro `fixed` decimal; the same encoding as `bytes`, sign-extended. */
export function decimalFromAvroFixed(bytes: Uint8Array, scale: number): Decimal {
  return decimalFromAvroBytes(bytes, scale);
}
