import { describe, expect, it } from 'vitest';
import { decodeConfluentFrame, encodeConfluentFrame, peekSchemaId } from '../src/index.js';

describe('Confluent wire format', () => {
  it('frames a body with magic byte 0 and the schema id big-endian', () => {
    const framed = encodeConfluentFrame(0x01020304, new Uint8Array([9, 8]));
    expect([...framed]).toEqual([0, 1, 2, 3, 4, 9, 8]);
    expect(decodeConfluentFrame(framed, false)).toEqual({ schemaId: 0x01020304, messageIndexes: [], bodyOffset: 5 });
    expect(peekSchemaId(encodeConfluentFrame(4_000_000_000, new Uint8Array(0)))).toBe(4_000_000_000);
  });

  it('writes the Protobuf message indexes: [0] as one 0 byte, others as zigzag count then indexes', () => {
    expect([...encodeConfluentFrame(7, new Uint8Array([1]), [0])]).toEqual([0, 0, 0, 0, 7, 0, 1]);
    const nested = encodeConfluentFrame(7, new Uint8Array([1]), [1, 70]);
    expect([...nested]).toEqual([0, 0, 0, 0, 7, 4, 2, 140, 1, 1]);
    expect(decodeConfluentFrame(nested, true)).toEqual({ schemaId: 7, messageIndexes: [1, 70], bodyOffset: 9 });
    expect(decodeConfluentFrame(encodeConfluentFrame(7, new Uint8Array([1]), [0]), true)).toEqual({ schemaId: 7, messageIndexes: [0], bodyOffset: 6 });
  });

  it('rejects a wrong magic byte and a short payload with positioned SERDE_DECODE errors', () => {
    const at = { topic: 'orders', partition: 0, offset: 3 };
    expect(() => decodeConfluentFrame(new Uint8Array([1, 0, 0, 0, 1, 2]), false, at)).toThrowError(
      expect.objectContaining({
        code: 'SERDE_DECODE',
        message: 'invalid Confluent-framed record (orders[0]@3, byte 0): wrong magic byte 1 (expected 0): not written by a schema-registry serializer',
        location: { ...at, byteOffset: 0 },
      }),
    );
    expect(() => decodeConfluentFrame(new Uint8Array([0, 0, 1]), false, at)).toThrowError(
      expect.objectContaining({ code: 'SERDE_DECODE', message: 'invalid Confluent-framed record (orders[0]@3, byte 0): 3 bytes, shorter than the 5-byte header (magic byte 0, schema id)' }),
    );
    expect(() => decodeConfluentFrame(new Uint8Array([0, 0, 0, 0, 1, 0x84]), true, at)).toThrowError(
      expect.objectContaining({ code: 'SERDE_DECODE', message: expect.stringContaining('message-index list is truncated') }),
    );
  });
});
