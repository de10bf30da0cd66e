import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Writable } from 'node:stream';

/** Where a sink's text goes: buffered, with backpressure on `write` and durability on `flush`/`close`. */
export interface TextWriter {
  /** Queues text; resolves at once unless the buffer is over its limit, then once it has drained. */
  write(text: string): Promise<void>;
  /**
   * Queues UTF-8 bytes, with the same backpressure as `write`; the bytes are copied (or written) before the
   * promise resolves, so the caller may reuse `data` afterwards.
   */
  writeBytes(data: Buffer): Promise<void>;
  /** Resolves once everything written so far is handed to the OS. */
  flush(): Promise<void>;
  close(): Promise<void>;
  /** Bytes handed over so far. */
  readonly bytesWritten: number;
}

const HIGH_WATER_BYTES = 1 << 20;
/** The staging buffer: the high-water mark plus room for one more piece of text of up to 32 K characters. */
const STAGING_BYTES = HIGH_WATER_BYTES + 3 * (1 << 15);

/**
 * Writes a file through its handle: each piece of text is encoded to UTF-8 at once, straight into a staging
 * buffer (so the text, often a rope of one piece per row, dies young, and no Buffer per piece is made and
 * then concatenated), and the staging buffer is written when it passes 1 MB, one write in flight at a time;
 * `write` waits (backpressure) only when a full buffer is waiting behind a write. `close` fsyncs, so a
 * finished job's output survives a crash.
 */
export class FileTextWriter implements TextWriter {
  private handle: FileHandle | undefined;
  private staging = Buffer.allocUnsafe(STAGING_BYTES);
  private staged = 0;
  /** Pieces too large for the staging buffer, written after what was staged before them. */
  private large: Buffer[] = [];
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
    if (this.failure) throw this.failure;
    if (text.length === 0) return;
    // A UTF-16 code unit takes at most 3 UTF-8 bytes, so this bound guarantees the text fits whole.
    if (text.length * 3 > STAGING_BYTES - this.staged) {
      await this.inFlight;
      this.startWrite();
      if (text.length * 3 > STAGING_BYTES) {
        this.large.push(Buffer.from(text, 'utf8'));
        await this.inFlight;
        this.startWrite();
        return;
      }
    }
    this.staged += this.staging.write(text, this.staged, 'utf8');
    if (this.staged >= HIGH_WATER_BYTES) {
      await this.inFlight; // backpressure: at most one buffer waits behind the write in flight
      this.startWrite();
    }
  }

  async writeBytes(data: Buffer): Promise<void> {
    if (this.failure) throw this.failure;
    if (data.length === 0) return;
    if (data.length > STAGING_BYTES - this.staged) {
      await this.inFlight;
      this.startWrite();
      if (data.length > STAGING_BYTES) {
        this.large.push(Buffer.from(data));
        await this.inFlight;
        this.startWrite();
        return;
      }
    }
    this.staged += data.copy(this.staging, this.staged);
    if (this.staged >= HIGH_WATER_BYTES) {
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
    if (this.staged === 0 && this.large.length === 0) return;
    const pieces: Buffer[] = [];
    if (this.staged > 0) {
      pieces.push(this.staging.subarray(0, this.staged));
      this.staging = Buffer.allocUnsafe(STAGING_BYTES); // the old one belongs to the write until it is done
      this.staged = 0;
    }
    pieces.push(...this.large);
    this.large = [];
    const handle = this.handle as FileHandle;
    this.inFlight = this.inFlight.then(async () => {
      if (this.failure) return;
      try {
        for (const data of pieces) {
          let offset = 0;
          while (offset < data.length) offset += (await handle.write(data, offset, data.length - offset)).bytesWritten;
          this.bytesWritten += data.length;
        }
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
    // The stream keeps what it is given until it is flushed: a copy, so the caller may reuse `data`.
    if (!this.stream.write(Buffer.from(data))) {
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
