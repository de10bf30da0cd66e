import { describe, expect, it } from 'vitest';
import { createAvroCodec } from '../src/index.js';

const SCHEMA = JSON.stringify({
  type: 'record',
  name: 'Trade',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'symbol', type: 'string' },
    { name: 'side', type: { type: 'enum', name: 'Side', symbols: ['BUY', 'SELL'] } },
  ],
});
const codec = createAvroCodec({ schema: SCHEMA });
const GOOD = codec.encode([300, 'ACME', 'BUY']); // 300 → 2 bytes, 'ACME' → 1 + 4 bytes, enum → 1 byte
const AT = { topic: 'trades', partition: 2, offset: 17 };

describe('malformed Avro payloads', () => {
  it('reports a truncated record with the field it ends in and that field\'s byte offset', () => {
    expect(() => codec.decode(GOOD.subarray(0, 4), AT)).toThrowError(
      expect.objectContaining({
        code: 'SERDE_DECODE',
        message: "invalid Avro record (trades[2]@17, byte 2, field 'symbol'): truncated: the payload (4 bytes) ends inside field 'symbol' (string)",
        location: { ...AT, byteOffset: 2, field: 'symbol' },
      }),
    );
  });

  it('reports trailing bytes after a complete record', () => {
    const padded = new Uint8Array([...GOOD, 1, 2]);
    expect(() => codec.decode(padded, AT)).toThrowError(
      expect.objectContaining({ code: 'SERDE_DECODE', message: 'invalid Avro record (trades[2]@17, byte 8): 2 trailing bytes after the record' }),
    );
  });

  it('reports an empty payload and an enum index out of range', () => {
    expect(() => codec.decode(new Uint8Array(0), AT)).toThrowError(expect.objectContaining({ code: 'SERDE_DECODE', message: 'invalid Avro record (trades[2]@17, byte 0): the payload is empty' }));
    const badEnum = new Uint8Array(GOOD);
    badEnum[7] = 0x0a; // index 5 of a 2-symbol enum
    expect(() => codec.decode(badEnum, AT)).toThrowError(expect.objectContaining({ code: 'SERDE_DECODE', location: expect.objectContaining({ byteOffset: 7 }) }));
  });

  it('decodes good records after bad ones (no state is left behind)', () => {
    expect(() => codec.decode(GOOD.subarray(0, 3))).toThrow();
    expect(codec.decode(GOOD)).toEqual([300, 'ACME', 'BUY']);
  });
});
