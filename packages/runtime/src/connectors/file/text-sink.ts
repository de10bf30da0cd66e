import { ErrorCodes, VeloError, toVeloError, type ConnectorContext, type RecordBatch, type Schema, type Sink } from '@velots/core';
import { compileCsvRowEncoder, csvHeaderLine, type CsvTimestampFormat } from '../csv/csv-encode.js';
import { Utf8Output, compileJsonRowWriter, type JsonRowWriter } from '@velots/serde-json';
import type { ConnectorStats, CountingConnector } from '../stats.js';
import type { TextWriter } from './text-writer.js';

/** The `format` values of text sinks. */
export const SINK_FORMATS = ['jsonlines', 'json', 'json_lines', 'jsonl', 'csv', 'csv_no_header'] as const;
export type SinkFormat = (typeof SINK_FORMATS)[number];

/** Options of a text sink (file or stdout). */
export interface TextSinkOptions {
  readonly name: string;
  readonly format: SinkFormat;
  readonly hasHeaders: boolean;
  readonly delimiter: string;
  /** `epoch_millis` | `iso`; undefined: jsonlines epoch ms, CSV ISO text. */
  readonly timestampFormat?: 'epoch_millis' | 'iso' | undefined;
  /** Opens the writer; `needsHeader` tells whether a CSV header row belongs at the start (false when appending to a non-empty file). */
  readonly openWriter: () => Promise<{ writer: TextWriter; needsHeader: boolean }>;
}

/** Bytes of encoded rows handed to the writer at a time. */
const CHUNK_BYTES = 1 << 16;

/**
 * Rows → CSV or JSON lines, encoded as UTF-8 into one reused buffer and handed to a buffered writer about every
 * 64 KB (backpressure comes from the writer): JSON rows are written into the bytes value by value (no string
 * per row or rope per batch), CSV lines one string per row. Encoders are compiled once per schema at open.
 */
export class TextSink implements Sink, CountingConnector {
  private writer: TextWriter | undefined;
  private encode: ((row: readonly unknown[], out: Utf8Output) => void) | undefined;
  private readonly out = new Utf8Output(CHUNK_BYTES + (CHUNK_BYTES >> 2));
  private records = 0;

  constructor(private readonly options: TextSinkOptions) {}

  get name(): string {
    return this.options.name;
  }

  stats(): ConnectorStats {
    return { records: this.records, bytes: this.writer?.bytesWritten ?? 0, badRecords: 0 };
  }

  async open(schema: Schema, _context: ConnectorContext): Promise<void> {
    const { writer, needsHeader } = await this.sinkWriteGuard(() => this.options.openWriter());
    this.writer = writer;
    const csv = this.options.format === 'csv' || this.options.format === 'csv_no_header';
    if (csv) {
      const ts: CsvTimestampFormat = this.options.timestampFormat === 'epoch_millis' ? 'epoch_millis' : 'iso';
      const line = compileCsvRowEncoder(schema, this.options.delimiter, ts) as (row: readonly unknown[]) => string;
      this.encode = (row, out) => out.text(line(row));
      if (this.options.format === 'csv' && this.options.hasHeaders && needsHeader) {
        await writer.write(csvHeaderLine(schema, this.options.delimiter));
      }
    } else {
      this.encode = compileJsonRowWriter(schema, this.options.timestampFormat ?? 'epoch_millis') as JsonRowWriter as (row: readonly unknown[], out: Utf8Output) => void;
    }
  }

  async write(batch: RecordBatch): Promise<void> {
    const encode = this.encode;
    const writer = this.writer;
    if (!encode || !writer) throw new VeloError(ErrorCodes.INTERNAL, `sink '${this.name}' written before open()`);
    const rows = batch.rows;
    if (rows.length === 0) return;
    const out = this.out;
    for (let i = 0; i < rows.length; i++) {
      encode(rows[i] as readonly unknown[], out);
      if (out.length >= CHUNK_BYTES) await this.writeOut(writer, out);
    }
    this.records += rows.length;
    if (out.length > 0) await this.writeOut(writer, out);
  }

  async flush(): Promise<void> {
    const writer = this.writer;
    if (writer) await this.sinkWriteGuard(() => writer.flush());
  }

  async close(): Promise<void> {
    const writer = this.writer;
    if (writer) await this.sinkWriteGuard(() => writer.close());
  }

  /** Hands the encoded bytes to the writer (which copies them) and empties the buffer for reuse. */
  private async writeOut(writer: TextWriter, out: Utf8Output): Promise<void> {
    try {
      await writer.writeBytes(out.view());
    } catch (error) {
      throw toVeloError(error, ErrorCodes.SINK_WRITE, `sink '${this.name}'`);
    } finally {
      out.clear();
    }
  }

  private async sinkWriteGuard<T>(action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (error) {
      throw toVeloError(error, ErrorCodes.SINK_WRITE, `sink '${this.name}'`);
    }
  }
}
