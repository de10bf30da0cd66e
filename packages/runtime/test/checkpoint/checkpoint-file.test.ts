import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CHECKPOINT_FORMAT_VERSION, CorruptCheckpoint, decodeCheckpointFile, encodeCheckpointFile } from '../../src/checkpoint/checkpoint-file.js';

const payload = new Uint8Array([1, 2, 3, 4, 5, 250, 251, 252]);

describe('the checkpoint file format', () => {
  it('frames a payload with magic, version, id, time and length, and reads it back', () => {
    const bytes = encodeCheckpointFile(42, 1_765_000_000_123, payload);
    expect(bytes.length).toBe(36 + payload.length + 4);
    expect(Buffer.from(bytes.subarray(0, 8)).toString('latin1')).toBe('VELOCKPT');
    const file = decodeCheckpointFile(bytes);
    expect(file).toMatchObject({ id: 42, takenAt: 1_765_000_000_123, formatVersion: CHECKPOINT_FORMAT_VERSION });
    expect([...file.payload]).toEqual([...payload]);
  });

  it('detects a file cut short anywhere', () => {
    const bytes = encodeCheckpointFile(7, 1, payload);
    for (let length = 0; length < bytes.length; length++) {
      expect(() => decodeCheckpointFile(bytes.subarray(0, length)), `cut at ${length}`).toThrow(CorruptCheckpoint);
    }
  });

  it('detects one flipped bit in any byte', () => {
    const bytes = encodeCheckpointFile(7, 1, payload);
    for (let i = 0; i < bytes.length; i++) {
      const flipped = bytes.slice();
      flipped[i]! ^= 0x10;
      expect(() => decodeCheckpointFile(flipped), `byte ${i}`).toThrow(CorruptCheckpoint);
    }
  });

  it('detects a torn file whose tail was never written (zeros) and says what is wrong', () => {
    const bytes = encodeCheckpointFile(7, 1, payload);
    const torn = bytes.slice();
    torn.fill(0, 36);
    expect(() => decodeCheckpointFile(torn)).toThrow(/checksum mismatch/);
    expect(() => decodeCheckpointFile(bytes.subarray(0, 40))).toThrow(/announces 8 payload bytes, the file holds 0/);
    expect(() => decodeCheckpointFile(new Uint8Array(100))).toThrow(/wrong magic/);
  });

  it('refuses a format version it does not know, even with a valid checksum', () => {
    const bytes = encodeCheckpointFile(7, 1, payload);
    const view = new DataView(bytes.buffer);
    view.setUint16(8, 99);
    view.setUint32(bytes.length - 4, crc32(bytes.subarray(0, bytes.length - 4)));
    expect(() => decodeCheckpointFile(bytes)).toThrow(/format version 99 is not supported/);
  });
});
