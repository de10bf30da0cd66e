import type { RecordLocation } from '@velots/core';
import { frameDecodeError } from './errors.js';

/** The Confluent wire format's first byte. */
export const CONFLUENT_MAGIC_BYTE = 0;
const HEADER_BYTES = 5;

/** The framing of one payload: the schema id, the Protobuf message indexes, and where the body starts. */
export interface ConfluentFrame {
  readonly schemaId: number;
  /** Path of the message type within the Protobuf schema (`[0]`: its first message); empty for Avro. */
  readonly messageIndexes: readonly number[];
  readonly bodyOffset: number;
}

const FIRST_MESSAGE: readonly number[] = Object.freeze([0]);
const NO_INDEXES: readonly number[] = Object.freeze([]);

function zigzagVarintLength(value: number): number {
  let n = value >= 0 ? value * 2 : -value * 2 - 1;
  let length = 1;
  while (n >= 128) {
    n = Math.floor(n / 128);
    length++;
  }
  return length;
}

function writeZigzagVarint(target: Uint8Array, offset: number, value: number): number {
  let n = value >= 0 ? value * 2 : -value * 2 - 1;
  while (n >= 128) {
    target[offset++] = (n % 128) | 0x80;
    n = Math.floor(n / 128);
  }
  target[offset++] = n;
  return offset;
}

/**
 * Frames a body: magic byte 0, the schema id as 4 bytes big-endian, then for Protobuf the message indexes
 * (zigzag varints: count, then indexes; `[0]` as the single byte 0), then the body.
 */
export function encodeConfluentFrame(schemaId: number, body: Uint8Array, messageIndexes?: readonly number[]): Uint8Array {
  let indexBytes = 0;
  const first = messageIndexes !== undefined && messageIndexes.length === 1 && messageIndexes[0] === 0;
  if (messageIndexes !== undefined) {
    indexBytes = first ? 1 : zigzagVarintLength(messageIndexes.length) + messageIndexes.reduce((n, i) => n + zigzagVarintLength(i), 0);
  }
  const out = new Uint8Array(HEADER_BYTES + indexBytes + body.length);
  out[0] = CONFLUENT_MAGIC_BYTE;
  out[1] = (schemaId >>> 24) & 0xff;
  out[2] = (schemaId >>> 16) & 0xff;
  out[3] = (schemaId >>> 8) & 0xff;
  out[4] = schemaId & 0xff;
  let offset = HEADER_BYTES;
  if (messageIndexes !== undefined) {
    if (first) out[offset++] = 0;
    else {
      offset = writeZigzagVarint(out, offset, messageIndexes.length);
      for (const index of messageIndexes) offset = writeZigzagVarint(out, offset, index);
    }
  }
  out.set(body, offset);
  return out;
}

/** The schema id of a framed payload, or undefined when it is not framed (too short or another first byte). */
export function peekSchemaId(payload: Uint8Array): number | undefined {
  if (payload.length < HEADER_BYTES || payload[0] !== CONFLUENT_MAGIC_BYTE) return undefined;
  return (((payload[1] as number) << 24) | ((payload[2] as number) << 16) | ((payload[3] as number) << 8) | (payload[4] as number)) >>> 0;
}

function readZigzagVarint(payload: Uint8Array, offset: number, location: RecordLocation | undefined): [number, number] {
  let n = 0;
  let scale = 1;
  for (let i = offset; i < payload.length && i < offset + 5; i++) {
    const b = payload[i] as number;
    n += (b & 0x7f) * scale;
    scale *= 128;
    if ((b & 0x80) === 0) return [n % 2 === 0 ? n / 2 : -(n + 1) / 2, i + 1];
  }
  throw frameDecodeError('the Protobuf message-index list is truncated', location, offset);
}

/** Reads the framing of a payload; SERDE_DECODE (with the byte offset) on a wrong magic byte or a short payload. */
export function decodeConfluentFrame(payload: Uint8Array, withMessageIndexes: boolean, location?: RecordLocation): ConfluentFrame {
  if (payload.length > 0 && payload[0] !== CONFLUENT_MAGIC_BYTE) {
    throw frameDecodeError(`wrong magic byte ${payload[0] as number} (expected 0): not written by a schema-registry serializer`, location, 0);
  }
  if (payload.length < HEADER_BYTES) {
    throw frameDecodeError(`${payload.length} bytes, shorter than the 5-byte header (magic byte 0, schema id)`, location, 0);
  }
  const schemaId = peekSchemaId(payload) as number;
  if (!withMessageIndexes) return { schemaId, messageIndexes: NO_INDEXES, bodyOffset: HEADER_BYTES };
  const [count, afterCount] = readZigzagVarint(payload, HEADER_BYTES, location);
  if (count === 0) return { schemaId, messageIndexes: FIRST_MESSAGE, bodyOffset: afterCount };
  if (count < 0 || count > 100) throw frameDecodeError(`invalid Protobuf message-index count ${count}`, location, HEADER_BYTES);
  const indexes: number[] = [];
  let offset = afterCount;
  for (let i = 0; i < count; i++) {
    const [index, next] = readZigzagVarint(payload, offset, location);
    if (index < 0) throw frameDecodeError(`invalid Protobuf message index ${index}`, location, offset);
    indexes.push(index);
    offset = next;
  }
  return { schemaId, messageIndexes: indexes, bodyOffset: offset };
}
