import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Writable } from 'node:stream';

/** Where a sink's text goes: buffered, with backpressure on `write` and durability on `flush`/`close`. */
export interface TextWriter {
  /** Queues text; resolves at once unless the buffer is over its limit, then once it has drained. */
  write(text: string): Promise<void>;
  /** Queues UTF-8 bytes the writer may keep (the caller does not reuse them); same backpressure as `write`. */
  writeBytes(data: Buffer): Promise<void>;
  /** Resolves once everything written so far is handed to the OS. */
  flush(): Promise<void>;
  close(): Promise<void>;
  /** Bytes handed over so far. */
  readonly bytesWritten: number;
}

const HIGH_WATER_BYTES = 1 << 20;

/**
 * Writes a file through its handle: each batch's text is encoded to UTF-8 at once (so the batch's string,
 * often a rope of one piece per row, dies young instead of being kept until the buffer is full, which made
 * old-generation GC the file sink's largest cost), gathered, and written in ≥1 MB pieces, one write in
 * flight at a time; `write` waits (backpressure) only when a full buffer is waiting behind a write.
 * `close` fsyncs, so a finished job's output survives a crash.
 */
export class FileTextWriter implements TextWriter {
  private handle: FileHandle | undefined;
  private parts: Buffer[] = [];
  private pendingBytes = 0;
  private inFlight: Promise<void> = Promise.resolve();
  private failure: unknown;
  bytesWritten = 0;

  private constructor(private readonly path: string) {}

  /** Opens (creating missing parent directories) for writing from scratch or appending. */
  static async open(path: string, append: boolean): Promise<FileTextWriter> {
    await mkdir(dirname(path), { recursive: true });
    const writer = new FileTextWriter(path);
    writer.handle = await open(path, append ? 'a' : 'w');
    return writer;
  }

  /** Size of the file when opened (to know whether an appended CSV still needs its header). */
  async size(): Promise<number> {
    return (await (this.handle as FileHandle).stat()).size;
  }

  async write(text: string): Promise<void> {
    if (text.length > 0) await this.writeBytes(Buffer.from(text, 'utf8'));
  }

  async writeBytes(data: Buffer): Promise<void> {
    if (this.failure) throw this.failure;
    if (data.length === 0) return;
    this.parts.push(data);
    this.pendingBytes += data.length;
    if (this.pendingBytes >= HIGH_WATER_BYTES) {
      await this.inFlight; // backpressure: at most one buffer waits behind the write in flight
      this.startWrite();
    }
  }

  async flush(): Promise<void> {
    this.startWrite();
    await this.inFlight;
    if (this.failure) throw this.failure;
  }

  async close(): Promise<void> {
    const handle = this.handle;
    if (!handle) return;
    try {
      await this.flush();
      await handle.sync();
    } finally {
      this.handle = undefined;
      await handle.close();
    }
  }

  private startWrite(): void {
    if (this.parts.length === 0) return;
    const data = this.parts.length === 1 ? (this.parts[0] as Buffer) : Buffer.concat(this.parts, this.pendingBytes);
    this.parts = [];
    this.pendingBytes = 0;
    const handle = this.handle as FileHandle;
    this.inFlight = this.inFlight.then(async () => {
      if (this.failure) return;
      try {
        let offset = 0;
        while (offset < data.length) offset += (await handle.write(data, offset, data.length - offset)).bytesWritten;
        this.bytesWritten += data.length;
      } catch (error) {
        this.failure = error;
      }
    });
  }

  toString(): string {
    return `FileTextWriter(${this.path})`;
  }
}

/** Writes to a Node stream (stdout), awaiting 'drain' when the stream says its buffer is full. */
export class StreamTextWriter implements TextWriter {
  bytesWritten = 0;

  constructor(
    private readonly stream: Writable,
    private readonly endOnClose = false,
  ) {}

  async write(text: string): Promise<void> {
    await this.writeBytes(Buffer.from(text, 'utf8'));
  }

  async writeBytes(data: Buffer): Promise<void> {
    this.bytesWritten += data.length;
    if (!this.stream.write(data)) {
      await new Promise<void>((resolve, reject) => {
        const onError = (error: Error): void => reject(error);
        this.stream.once('error', onError);
        this.stream.once('drain', () => {
          this.stream.off('error', onError);
          resolve();
        });
      });
    }
  }

  flush(): Promise<void> {
    return new Promise((resolve, reject) => {
      // An empty write's callback runs after every earlier chunk has been handed to the OS.
      this.stream.write('', (error) => (error ? reject(error) : resolve()));
    });
  }

  async close(): Promise<void> {
    await this.flush();
    if (this.endOnClose) await new Promise<void>((resolve) => this.stream.end(resolve));
  }
}
