import { open, type FileHandle } from 'node:fs/promises';
import type { Readable } from 'node:stream';

/** Bytes arriving in chunks: `read` gives the next chunk, or null when nothing more is there now. */
export interface ByteChunkSource {
  read(): Promise<Uint8Array | null>;
  close(): Promise<void>;
}

/** The default read size: large enough to amortise the syscall, small enough to keep memory flat. */
export const DEFAULT_CHUNK_BYTES = 1 << 20;

/**
 * Reads a file with positioned reads from `startByte`. After a null (end of file) a later `read` tries
 * again from the same place, which is what tailing a growing file needs. With `reuseBuffer` every read fills
 * the same buffer (no 1 MB allocation per chunk, which as external memory also drives garbage collections):
 * only for a reader that is done with a chunk before it asks for the next one.
 */
export class FileChunkSource implements ByteChunkSource {
  private handle: FileHandle | undefined;
  private position: number;
  private reused: Buffer | undefined;

  constructor(
    readonly path: string,
    startByte = 0,
    private readonly chunkBytes = DEFAULT_CHUNK_BYTES,
    private readonly reuseBuffer = false,
  ) {
    this.position = startByte;
  }

  async read(): Promise<Uint8Array | null> {
    this.handle ??= await open(this.path, 'r');
    const buffer = this.reuseBuffer ? (this.reused ??= Buffer.allocUnsafe(this.chunkBytes)) : Buffer.allocUnsafe(this.chunkBytes);
    const { bytesRead } = await this.handle.read(buffer, 0, this.chunkBytes, this.position);
    if (bytesRead === 0) return null;
    this.position += bytesRead;
    return bytesRead === this.chunkBytes ? buffer : buffer.subarray(0, bytesRead);
  }

  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    await handle?.close();
  }
}

/** Reads a Node stream (stdin, a socket); null once it has ended. */
export class StreamChunkSource implements ByteChunkSource {
  private readonly iterator: AsyncIterator<unknown>;

  constructor(stream: Readable | AsyncIterable<Uint8Array | string>) {
    this.iterator = (stream as AsyncIterable<unknown>)[Symbol.asyncIterator]();
  }

  async read(): Promise<Uint8Array | null> {
    const { value, done } = await this.iterator.next();
    if (done) return null;
    return typeof value === 'string' ? Buffer.from(value, 'utf8') : (value as Uint8Array);
  }

  async close(): Promise<void> {
    await this.iterator.return?.();
  }
}
