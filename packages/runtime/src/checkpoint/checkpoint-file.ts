import { crc32 } from 'node:zlib';

/**
 * The bytes of one checkpoint file: a fixed header, the encoded state, and a CRC-32 over both, so a torn,
 * truncated or bit-flipped file is always detected before its state is decoded.
 *
 * | offset | bytes | field |
 * |---|---|---|
 * | 0 | 8 | magic `VELOCKPT` |
 * | 8 | 2 | format version (u16, big-endian) |
 * | 10 | 2 | reserved, 0 |
 * | 12 | 8 | checkpoint id (u64) |
 * | 20 | 8 | taken at, epoch ms (f64) |
 * | 28 | 8 | payload length (u64) |
 * | 36 | n | payload (state-codec bytes) |
 * | 36 + n | 4 | CRC-32 of bytes 0 … 36 + n − 1 (u32) |
 */
export const CHECKPOINT_MAGIC = 'VELOCKPT';
/**
 * Raised whenever an operator's saved state changes shape, so an older file is refused with its reason instead of
 * restored wrongly. 2: AVG(DECIMAL) as inline (sum, count) and DECIMAL MIN/MAX as plain numbers in GROUP BY state;
 * interval joins' expiry as per-side queues plus a heap, keys stored as values.
 */
export const CHECKPOINT_FORMAT_VERSION = 2;
const HEADER_BYTES = 36;
const TRAILER_BYTES = 4;

/** What a checkpoint file's header says. */
export interface CheckpointHeader {
  readonly id: number;
  readonly takenAt: number;
  readonly formatVersion: number;
}

/** A verified checkpoint file: its header and payload. */
export interface CheckpointFile extends CheckpointHeader {
  readonly payload: Uint8Array;
}

/** Why a file is not a usable checkpoint. */
export class CorruptCheckpoint extends Error {
  override readonly name = 'CorruptCheckpoint';
}

/** Frames `payload` as checkpoint `id` taken at `takenAt`. */
export function encodeCheckpointFile(id: number, takenAt: number, payload: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(HEADER_BYTES + payload.length + TRAILER_BYTES);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < CHECKPOINT_MAGIC.length; i++) bytes[i] = CHECKPOINT_MAGIC.charCodeAt(i);
  view.setUint16(8, CHECKPOINT_FORMAT_VERSION);
  view.setUint16(10, 0);
  view.setBigUint64(12, BigInt(id));
  view.setFloat64(20, takenAt);
  view.setBigUint64(28, BigInt(payload.length));
  bytes.set(payload, HEADER_BYTES);
  view.setUint32(HEADER_BYTES + payload.length, crc32(bytes.subarray(0, HEADER_BYTES + payload.length)));
  return bytes;
}

/** Checks and unframes a checkpoint file; throws CorruptCheckpoint saying what is wrong. */
export function decodeCheckpointFile(bytes: Uint8Array): CheckpointFile {
  if (bytes.length < HEADER_BYTES + TRAILER_BYTES) throw new CorruptCheckpoint(`truncated: ${bytes.length} bytes is shorter than a header`);
  for (let i = 0; i < CHECKPOINT_MAGIC.length; i++) {
    if (bytes[i] !== CHECKPOINT_MAGIC.charCodeAt(i)) throw new CorruptCheckpoint('not a checkpoint file (wrong magic)');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const formatVersion = view.getUint16(8);
  const length = view.getBigUint64(28);
  if (BigInt(bytes.length) !== BigInt(HEADER_BYTES + TRAILER_BYTES) + length) {
    throw new CorruptCheckpoint(`truncated or torn: the header announces ${length} payload bytes, the file holds ${bytes.length - HEADER_BYTES - TRAILER_BYTES}`);
  }
  const end = HEADER_BYTES + Number(length);
  const expected = view.getUint32(end);
  const actual = crc32(bytes.subarray(0, end));
  if (expected !== actual) throw new CorruptCheckpoint(`checksum mismatch (stored ${hex(expected)}, computed ${hex(actual)})`);
  if (formatVersion !== CHECKPOINT_FORMAT_VERSION) throw new CorruptCheckpoint(`format version ${formatVersion} is not supported (this build reads ${CHECKPOINT_FORMAT_VERSION})`);
  return { id: Number(view.getBigUint64(12)), takenAt: view.getFloat64(20), formatVersion, payload: bytes.subarray(HEADER_BYTES, end) };
}

function hex(n: number): string {
  return `0x${n.toString(16).padStart(8, '0')}`;
}
