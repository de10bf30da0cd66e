import { ErrorCodes, VeloError, toVeloError, type ConnectorContext, type RecordBatch, type Schema, type Sink } from '@velots/core';
import { compileCsvRowEncoder, csvHeaderLine, type CsvTimestampFormat } from '../csv/csv-encode.js';
import { compileJsonRowEncoder } from '@velots/serde-json';
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

/** Characters of encoded rows handed to the writer at a time. */
const CHUNK_CHARS = 1 << 14;

/**
 * Rows → CSV or JSON lines text, handed to a buffered writer in chunks of about 16 K characters (backpressure
 * comes from the writer). A chunk's rope of row strings dies young instead of living as long as the batch,
 * which kept the whole batch's text alive through minor GCs. Encoders are compiled once per schema at open.
 */
export class TextSink implements Sink, CountingConnector {
  private writer: TextWriter | undefined;
  private encode: ((row: readonly unknown[]) => string) | undefined;
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
      this.encode = compileCsvRowEncoder(schema, this.options.delimiter, ts) as (row: readonly unknown[]) => string;
      if (this.options.format === 'csv' && this.options.hasHeaders && needsHeader) {
        await writer.write(csvHeaderLine(schema, this.options.delimiter));
      }
    } else {
      this.encode = compileJsonRowEncoder(schema, this.options.timestampFormat ?? 'epoch_millis') as (row: readonly unknown[]) => string;
    }
  }

  async write(batch: RecordBatch): Promise<void> {
    const encode = this.encode;
    const writer = this.writer;
    if (!encode || !writer) throw new VeloError(ErrorCodes.INTERNAL, `sink '${this.name}' written before open()`);
    const rows = batch.rows;
    if (rows.length === 0) return;
    let text = '';
    for (let i = 0; i < rows.length; i++) {
      text += encode(rows[i] as readonly unknown[]);
      if (text.length >= CHUNK_CHARS) {
        await this.writeText(writer, text);
        text = '';
      }
    }
    this.records += rows.length;
    if (text.length > 0) await this.writeText(writer, text);
  }

  async flush(): Promise<void> {
    const writer = this.writer;
    if (writer) await this.sinkWriteGuard(() => writer.flush());
  }

  async close(): Promise<void> {
    const writer = this.writer;
    if (writer) await this.sinkWriteGuard(() => writer.close());
  }

  private async writeText(writer: TextWriter, text: string): Promise<void> {
    try {
      await writer.write(text);
    } catch (error) {
      throw toVeloError(error, ErrorCodes.SINK_WRITE, `sink '${this.name}'`);
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
