import protobuf from 'protobufjs';

/**
 * protobufjs's Buffer reader clamps a string that runs past the end of the payload instead of failing, so a
 * truncated message would decode as a shorter string. This reader fails it like every other truncated field.
 */
export class CheckedBufferReader extends protobuf.BufferReader {
  override string(): string {
    const length = this.uint32();
    const start = this.pos;
    const end = start + length;
    if (end > this.len) throw new RangeError(`index out of range: ${start} + ${length} > ${this.len}`);
    this.pos = end;
    // utf8Slice is what Buffer#toString('utf8') calls after checking its arguments, which are checked above.
    return (this.buf as Buffer & { utf8Slice(start: number, end: number): string }).utf8Slice(start, end);
  }
}

/** A reader over a payload (viewed as a Buffer without copying). */
export function checkedReader(payload: Uint8Array): CheckedBufferReader {
  const buffer = Buffer.isBuffer(payload) ? payload : Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
  return new CheckedBufferReader(buffer);
}
