import { open, type FileHandle } from 'node:fs/promises';
import type { Schema, Source, SourceBatch, SourceContext, SourcePosition } from '@velots/core';
import type { ConnectorBinding } from '@velots/planner';
import { ConnectorProperties } from '../connectors/config.js';
import { createSource } from '../connectors/registry.js';
import { DEFAULT_CHUNK_BYTES, FileChunkSource, type ByteChunkSource } from '../connectors/file/byte-chunks.js';
import { TextRecordSource } from '../connectors/file/text-record-source.js';
import { readTextSourceOptions } from '../connectors/file/text-source-options.js';
import type { SourceShare } from './source-shares.js';
import type { ShareKind } from './source-split-plan.js';

/** The read size of the open that takes a share's header (a longer header reads on). */
const HEADER_CHUNK_BYTES = 1 << 16;

/** What a worker needs to read its share: the connector as configured, the file it resolved to, the schema it read. */
export interface ShareSourceSpec {
  readonly kind: ShareKind;
  readonly connector: ConnectorBinding;
  /** The absolute path of a file share's file. */
  readonly path: string | undefined;
  /** The file's name in errors (relative to the app's directory, as the one thread names it). */
  readonly display: string;
  /** The schema the coordinator's source resolved (declared or inferred): every worker types its records with it. */
  readonly schema: Schema;
  readonly share: SourceShare;
  /** Its place among the job's shares (the coordinator takes them in this order). */
  readonly index: number;
  /** Leave record numbers out of failures: a file share after the first does not know the file's record count before it. */
  readonly dropRecordNumbers: boolean;
}

/**
 * A reader of one share, not yet opened (`openShare` opens it where its share starts). A file share re-reads
 * the header from the start of the file (the CSV format maps its columns by it), then reads [start, end).
 */
export function shareSource(spec: ShareSourceSpec): Source {
  const { connector } = spec;
  if (spec.kind === 'record-index') {
    const created = createSource(connector.type, { name: connector.name, properties: connector.properties, baseDir: '/', schema: spec.schema });
    return new RecordRangeSource(created.connector, spec.share.end - spec.share.start);
  }
  const props = new ConnectorProperties(`source '${connector.name}'`, connector.name, connector.properties);
  const chunkBytes = Math.max(16, props.integer('read.chunk.bytes', DEFAULT_CHUNK_BYTES));
  const path = spec.path!;
  let opened = 0;
  return new TextRecordSource({
    ...readTextSourceOptions(props, connector.name, spec.schema),
    inputs: async () => [
      {
        display: spec.display,
        id: path,
        // The first open reads the header; the share is read by the second, at its start.
        open: (startByte: number) => (opened++ === 0 ? new FileChunkSource(path, startByte, HEADER_CHUNK_BYTES) : new FileRangeChunkSource(path, startByte, spec.share.end, chunkBytes)),
      },
    ],
  });
}

/**
 * Where a share's reader starts: a file share at its byte (its lines counted from 1 there: the job adds the lines
 * before it to the few records it reports, see `FileLines`), a record share at its index.
 */
export function sharePosition(spec: ShareSourceSpec): SourcePosition {
  if (spec.kind === 'record-index') return { record: spec.share.start };
  return { file: spec.path, byteOffset: spec.share.start, line: 1, record: 0 };
}

/** Reads a file's bytes [startByte, endByte) in chunks. */
export class FileRangeChunkSource implements ByteChunkSource {
  private handle: FileHandle | undefined;
  private position: number;

  constructor(
    readonly path: string,
    startByte: number,
    private readonly endByte: number,
    private readonly chunkBytes = DEFAULT_CHUNK_BYTES,
  ) {
    this.position = startByte;
  }

  async read(): Promise<Uint8Array | null> {
    const wanted = Math.min(this.chunkBytes, this.endByte - this.position);
    if (wanted <= 0) return null;
    this.handle ??= await open(this.path, 'r');
    const buffer = Buffer.allocUnsafe(wanted);
    const { bytesRead } = await this.handle.read(buffer, 0, wanted, this.position);
    if (bytesRead === 0) return null;
    this.position += bytesRead;
    return bytesRead === wanted ? buffer : buffer.subarray(0, bytesRead);
  }

  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    await handle?.close();
  }
}

/** A source whose records are made from their index (resumed with `{ record }`), limited to `count` records. */
class RecordRangeSource implements Source {
  readonly name: string;
  readonly bounded = true;
  private remaining: number;

  constructor(
    private readonly inner: Source,
    count: number,
  ) {
    this.name = inner.name;
    this.remaining = count;
  }

  open(context: SourceContext): Promise<Schema> {
    return this.inner.open(context);
  }

  readColumns(columns: ReadonlySet<number>): void {
    this.inner.readColumns?.(columns);
  }

  async next(maxRecords: number): Promise<SourceBatch | undefined> {
    if (this.remaining <= 0) return undefined;
    const read = await this.inner.next(Math.min(maxRecords, this.remaining));
    if (read) this.remaining -= read.batch.rows.length;
    return read;
  }

  commit(position: SourcePosition): Promise<void> {
    return this.inner.commit(position);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
