import avro from 'avsc';

/** The part of avsc's `Tap` (its read/write cursor over a buffer) a type implementation uses. */
interface Tap {
  buf: Buffer;
  pos: number;
  writeLong(n: number): void;
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const MAX_SAFE_BIG = BigInt(MAX_SAFE);
const I64_MIN = -(1n << 63n);
const I64_MAX = (1n << 63n) - 1n;
/** Below 2^52 in magnitude, a zigzag value (2|v| or 2|v|−1) is an exact double and avsc's writeLong is exact. */
const NUMBER_WRITE_LIMIT = 2 ** 52;

function isLong(value: unknown): boolean {
  if (typeof value === 'number') return Number.isSafeInteger(value);
  return typeof value === 'bigint' && value >= I64_MIN && value <= I64_MAX;
}

/** Reads a zigzag varint of more than 7 bytes (beyond 49 bits) exactly. */
function readBigLong(tap: Tap): number | bigint {
  const buf = tap.buf;
  let n = 0n;
  let shift = 0n;
  let b: number;
  do {
    b = buf[tap.pos++] as number;
    n |= BigInt(b & 0x7f) << shift;
    shift += 7n;
  } while (b & 0x80 && shift < 70n);
  const value = (n & 1n) === 0n ? n >> 1n : -((n + 1n) >> 1n);
  return value >= -MAX_SAFE_BIG && value <= MAX_SAFE_BIG ? Number(value) : value;
}

function writeBigLong(tap: Tap, value: bigint): void {
  let n = value >= 0n ? value << 1n : (-value << 1n) - 1n;
  const buf = tap.buf;
  // Writes past the end are dropped by the typed array; avsc sees pos > length and retries with a larger buffer.
  while (n >= 128n) {
    buf[tap.pos++] = Number(n & 0x7fn) | 0x80;
    n >>= 7n;
  }
  buf[tap.pos++] = Number(n);
}

/**
 * Avro `long` over the whole 64-bit range (avsc's default refuses values beyond 2^53): a number while
 * |v| ≤ 2^53 − 1, a bigint beyond. Reads and writes the zigzag varint in place on avsc's tap (its
 * `LongType.__with` hook allocates a buffer per value, which halved the codec's throughput).
 */
class VeloLongType extends avro.types.LongType {
  _check(value: unknown, _flags: unknown, hook?: (value: unknown, type: avro.Type) => void): boolean {
    const valid = isLong(value);
    if (!valid && hook) hook(value, this);
    return valid;
  }

  _read(tap: Tap): number | bigint {
    const buf = tap.buf;
    const start = tap.pos;
    let pos = start;
    let b = buf[pos++] as number;
    // undefined past the end: `& 0x80` is 0, pos passes the length and avsc reports the truncation.
    let n = b & 0x7f;
    let scale = 128;
    while (b & 0x80) {
      if (pos - start === 7) {
        tap.pos = start;
        return readBigLong(tap);
      }
      b = buf[pos++] as number;
      n += (b & 0x7f) * scale;
      scale *= 128;
    }
    tap.pos = pos;
    return n % 2 === 0 ? n / 2 : -(n + 1) / 2;
  }

  _write(tap: Tap, value: unknown): void {
    if (typeof value === 'number' && value < NUMBER_WRITE_LIMIT && value > -NUMBER_WRITE_LIMIT && Number.isInteger(value)) {
      tap.writeLong(value);
    } else if (isLong(value)) {
      writeBigLong(tap, BigInt(value as number | bigint));
    } else {
      throw new Error(`invalid "long": ${String(value)}`);
    }
  }

  override compare(a: number | bigint, b: number | bigint): number {
    return a < b ? -1 : a > b ? 1 : 0;
  }

  _deref(): string {
    return 'long';
  }

  /** Resolution from a writer's `int` or `long`. */
  _update(resolver: { _read: (tap: Tap) => unknown }, writer: avro.Type & { _read(tap: Tap): unknown }): void {
    if (writer.typeName === 'int') resolver._read = (tap) => writer._read(tap);
    else if (writer.typeName === 'long' || writer.typeName === 'abstract:long') resolver._read = (tap) => this._read(tap);
  }
}

// avsc treats `abstract:` types as custom implementations: unions then match values (bigints included) by
// `_check` instead of by JavaScript type, schemas print it as `long`, and float/double readers accept it.
Object.defineProperties(VeloLongType.prototype, {
  typeName: { value: 'abstract:long' },
  _concreteTypeName: { value: 'long' },
});

/** The 64-bit long type Velo TS plugs into avsc (`registry: { long: LONG_TYPE }`). */
export const LONG_TYPE: avro.Type = new VeloLongType();
