import { isAbsolute, resolve } from 'node:path';
import type { ConnectorContext, RecordBatch, Row, Schema, Sink } from '@velots/core';
import type { ConnectorStats, CountingConnector } from '../stats.js';
import type { CompiledPathTemplate, PathTemplate } from './path-template.js';
import { FileTextWriter } from './text-writer.js';
import { TextSink, type TextSinkOptions } from './text-sink.js';

/** Options of a file sink whose path names one file per partition. */
export interface PartitionedFileSinkOptions {
  readonly name: string;
  readonly template: PathTemplate;
  readonly baseDir: string;
  /** Keep what the files hold (a run resumed from a checkpoint, `append = true`). */
  readonly append: boolean;
  /** Files kept open at once; the least recently written is closed (flushed, fsynced) to open another. */
  readonly maxOpenFiles: number;
  /** How each file is encoded (format, header, delimiter, timestamps). */
  readonly text: Omit<TextSinkOptions, 'name' | 'openWriter'>;
}

/** Rows of one file within a batch, in arrival order. */
interface FileRows {
  readonly rows: Row[];
  readonly eventTimes: number[];
}

/**
 * `file_sink` with a path template (PathTemplate: `{column}` values and strftime of the event time): each row goes to
 * the file its values name, every file encoded by its own TextSink (the same encoders and buffered writer as a
 * one-file sink). A batch is split once by file, keeping the rows' order within each file. At most `maxOpenFiles`
 * stay open (least recently written closed first, reopened in append mode if rows come back); `flush` (each
 * checkpoint and commit) flushes every open file, `close` flushes, fsyncs and closes them all.
 */
export class PartitionedFileSink implements Sink, CountingConnector {
  /** Open files by absolute path, least recently written first. */
  private readonly files = new Map<string, TextSink>();
  /** Files this run has created (a reopened one is appended to, not truncated). */
  private readonly created = new Set<string>();
  private paths: CompiledPathTemplate | undefined;
  private schema: Schema | undefined;
  private context: ConnectorContext | undefined;
  private records = 0;
  private closedBytes = 0;

  constructor(private readonly options: PartitionedFileSinkOptions) {}

  get name(): string {
    return this.options.name;
  }

  /** Records written, bytes of every file so far, and how many files were written. */
  stats(): ConnectorStats & { files: number } {
    let bytes = this.closedBytes;
    for (const file of this.files.values()) bytes += file.stats().bytes;
    return { records: this.records, bytes, badRecords: 0, files: this.created.size };
  }

  async open(schema: Schema, context: ConnectorContext): Promise<void> {
    this.paths = this.options.template.compile(schema, this.options.name);
    this.schema = schema;
    this.context = context;
  }

  async write(batch: RecordBatch): Promise<void> {
    const paths = this.paths;
    const { rows, eventTimes } = batch;
    if (!paths || rows.length === 0) return;
    const { pathOf, sameInputs } = paths;
    // Rows of one partition often come together (a time-ordered stream): a whole batch of one goes as it is.
    const first = rows[0] as Row;
    const firstTime = eventTimes[0] as number;
    let i = 1;
    while (i < rows.length && sameInputs(rows[i] as Row, eventTimes[i] as number, first, firstTime)) i++;
    if (i === rows.length) {
      await (await this.sinkFor(pathOf(first, firstTime))).write(batch);
      this.records += rows.length;
      return;
    }
    const byFile = new Map<string, FileRows>();
    let file: FileRows | undefined;
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r] as Row;
      const eventTime = eventTimes[r] as number;
      // A run of rows with the same placeholder values shares its file: one path format per run.
      if (!file || !sameInputs(row, eventTime, rows[r - 1] as Row, eventTimes[r - 1] as number)) {
        const path = pathOf(row, eventTime);
        file = byFile.get(path);
        if (!file) byFile.set(path, (file = { rows: [], eventTimes: [] }));
      }
      file.rows.push(row);
      file.eventTimes.push(eventTime);
    }
    for (const [path, rowsOfFile] of byFile) {
      const sink = await this.sinkFor(path);
      await sink.write({ schema: batch.schema, rows: rowsOfFile.rows, eventTimes: rowsOfFile.eventTimes });
      this.records += rowsOfFile.rows.length;
    }
  }

  async flush(): Promise<void> {
    for (const file of this.files.values()) await file.flush();
  }

  async close(): Promise<void> {
    const open = [...this.files.values()];
    this.files.clear();
    for (const file of open) await this.closeFile(file);
  }

  /** The open file for `relative` (opening it, and closing the least recently written when too many are open). */
  private async sinkFor(relative: string): Promise<TextSink> {
    const path = isAbsolute(relative) ? relative : resolve(this.options.baseDir, relative);
    const open = this.files.get(path);
    if (open) {
      this.files.delete(path);
      this.files.set(path, open);
      return open;
    }
    if (this.files.size >= this.options.maxOpenFiles) {
      const [oldestPath, oldest] = this.files.entries().next().value as [string, TextSink];
      this.files.delete(oldestPath);
      await this.closeFile(oldest);
    }
    const append = this.options.append || this.created.has(path);
    const sink = new TextSink({
      ...this.options.text,
      name: this.options.name,
      openWriter: async () => {
        const writer = await FileTextWriter.open(path, append);
        return { writer, needsHeader: !append || (await writer.size()) === 0 };
      },
    });
    await sink.open(this.schema as Schema, this.context as ConnectorContext);
    this.created.add(path);
    this.files.set(path, sink);
    return sink;
  }

  private async closeFile(file: TextSink): Promise<void> {
    const bytes = file.stats().bytes;
    await file.close();
    this.closedBytes += bytes;
  }
}
