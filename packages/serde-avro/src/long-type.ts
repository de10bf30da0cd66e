import avro from 'avsc';

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const I64_MIN = -(1n << 63n);
const I64_MAX = (1n << 63n) - 1n;
/** Below 2^52 a zigzag value (2|v| or 2|v|−1) stays an exact double. */
const NUMBER_ZIGZAG_LIMIT = 2 ** 52;

/** A long decoded from its zigzag varint bytes: a number while |v| ≤ 2^53 − 1, a bigint beyond. */
function readZigzagVarint(bytes: Uint8Array): number | bigint {
  const length = bytes.length;
  if (length <= 7) {
    // At most 49 bits: number arithmetic is exact.
    let n = 0;
    let scale = 1;
    for (let i = 0; i < length; i++) {
      n += ((bytes[i] as number) & 0x7f) * scale;
      scale *= 128;
    }
    return n % 2 === 0 ? n / 2 : -(n + 1) / 2;
  }
  let n = 0n;
  for (let i = length - 1; i >= 0; i--) n = (n << 7n) | BigInt((bytes[i] as number) & 0x7f);
  const value = (n & 1n) === 0n ? n >> 1n : -((n + 1n) >> 1n);
  return value >= -BigInt(MAX_SAFE) && value <= BigInt(MAX_SAFE) ? Number(value) : value;
}

/** The zigzag varint bytes of a long. */
function writeZigzagVarint(value: number | bigint): Buffer {
  if (typeof value === 'number' && value < NUMBER_ZIGZAG_LIMIT && value > -NUMBER_ZIGZAG_LIMIT) {
    let n = value >= 0 ? value * 2 : -value * 2 - 1;
    const bytes: number[] = [];
    while (n >= 128) {
      bytes.push((n % 128) | 0x80);
      n = Math.floor(n / 128);
    }
    bytes.push(n);
    return Buffer.from(bytes);
  }
  const big = BigInt(value);
  let n = big >= 0n ? big << 1n : (-big << 1n) - 1n;
  const bytes: number[] = [];
  while (n >= 128n) {
    bytes.push(Number(n & 0x7fn) | 0x80);
    n >>= 7n;
  }
  bytes.push(Number(n));
  return Buffer.from(bytes);
}

function isLong(value: unknown): value is number | bigint {
  if (typeof value === 'number') return Number.isSafeInteger(value);
  return typeof value === 'bigint' && value >= I64_MIN && value <= I64_MAX;
}

function longFromJson(value: unknown): number | bigint {
  if (typeof value === 'number' || typeof value === 'bigint') return value;
  if (typeof value === 'string') {
    const big = BigInt(value);
    return big >= -BigInt(MAX_SAFE) && big <= BigInt(MAX_SAFE) ? Number(big) : big;
  }
  throw new TypeError(`not an Avro long: ${String(value)}`);
}

/**
 * Avro `long` covering the whole 64-bit range (avsc's default refuses values beyond 2^53): decoded
 * straight from the zigzag varint (`noUnpack`), a number while safe and a bigint beyond.
 */
export const LONG_TYPE = avro.types.LongType.__with(
  {
    fromBuffer: readZigzagVarint,
    toBuffer: writeZigzagVarint,
    fromJSON: longFromJson,
    toJSON: (value: number | bigint) => (typeof value === 'bigint' ? Number(value) : value),
    isValid: isLong,
    compare: (a: number | bigint, b: number | bigint) => (a < b ? -1 : a > b ? 1 : 0),
  },
  true,
);
