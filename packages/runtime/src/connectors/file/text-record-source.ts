import {
  ErrorCodes,
  VeloError,
  systemClock,
  type Clock,
  type Row,
  type Schema,
  type Source,
  type SourceBatch,
  type SourceContext,
  type SourcePosition,
} from '@velots/core';
import { createEventTimeExtractor } from '../../time/event-time.js';
import type { CountingConnector } from '../stats.js';
import { TextBatchBuilder } from './text-batch-builder.js';
import { TextRecordReader } from './text-record-reader.js';
import { invalidUtf8Problem } from './record-checks.js';
import { malformedProblem, readSample, scanStructure, type OpenInput, type SampledRecord, type TextInput } from './text-input.js';
import type { TextRecordSourceOptions } from './text-source-options.js';
import { abortableSleep, settlesWithin, staysQuiet } from './sleep.js';
import { TextRecordIntake } from './text-record-intake.js';
import { CAUGHT_UP_QUIET_MS, DEFAULT_INFER_TIMEOUT_MS, DEFAULT_LINGER_MS, DEFAULT_SOURCE_BATCH_SIZE } from './source-defaults.js';

export type { TextInput } from './text-input.js';
export type { TextRecordSourceOptions } from './text-source-options.js';

/** A file source position: the input, the byte and line just past the last record, and the record count. */
export interface TextSourcePosition extends SourcePosition {
  readonly file: string;
  readonly byteOffset: number;
  readonly line: number;
  readonly record: number;
}

/**
 * Records from text inputs (CSV or JSON, files or a stream) as batches: reads chunks, tokenizes, types,
 * stamps metadata (`_timestamp` read time, `_offset` record index, `_partition` 0) and hands bad records
 * to the job's failure strategy. Only a record cut by a chunk boundary waits for I/O; every other
 * record is handled synchronously inside the batch loop.
 */
export class TextRecordSource extends TextRecordIntake implements Source, CountingConnector {
  readonly bounded: boolean;
  private pending: SampledRecord[] = [];
  private clock: Clock = systemClock;
  private position: TextSourcePosition | undefined;
  private finished = false;
  /** A read of a live input still under way: the next read waits for it instead of starting another. */
  private pendingFill: Promise<boolean> | undefined;
  /** A live input said it is caught up and has had no record since: the next read waits for data. */
  private reportedCaughtUp = false;
  /** The rows of a run of records the format captures in one pass (reused). */
  private readonly run: Row[] = [];
  /** Batches carry column vectors (the job's first operator reads them; see deliverColumns). */
  private columnar = false;

  constructor(options: TextRecordSourceOptions) {
    super(options);
    this.bounded = !options.watching;
  }

  /** The schema, once open. */
  get outputSchema(): Schema | undefined {
    return this.schema;
  }

  /** The inputs it reads once open (absolute path as `id`, and how errors name it): a split job cuts them into shares. */
  inputFiles(): readonly { readonly id: string; readonly display: string }[] {
    return this.inputs.map((input) => ({ id: input.id, display: input.display }));
  }

  async open(context: SourceContext): Promise<Schema> {
    this.context = context;
    this.clock = context.clock;
    this.inputs = await this.options.inputs();
    if (this.inputs.length === 0) throw new VeloError(ErrorCodes.SOURCE_READ, `source '${this.name}': no input to read`);
    this.current = this.openInput(0, 0, 1, false);
    const wanted = this.options.declaredSchema ? 0 : (this.options.inferRows ?? 1000);
    const sample = await readSample(this.current, wanted, this.options.format, this.tails(this.current), this.options.inferTimeoutMs ?? DEFAULT_INFER_TIMEOUT_MS);
    this.pending = sample.records;
    this.pendingFill = sample.pendingFill;
    this.schema = this.options.format.resolveSchema(this.options.declaredSchema, this.pending.length);
    this.requiredColumns = this.schema.fields.flatMap((f, i) => (f.nullable ? [] : [i]));
    if (this.options.eventTime) this.eventTime = createEventTimeExtractor(this.schema, this.options.eventTime);
    const resume = context.resumeFrom as Partial<TextSourcePosition> | undefined;
    const seekable = this.inputs.every((input) => input.seekable !== false);
    if (seekable && resume && typeof resume.file === 'string' && typeof resume.byteOffset === 'number') await this.resume(resume);
    return this.schema;
  }

  /** Decodes into column vectors from now on when the format can (CSV); rows are then built only if read. */
  deliverColumns(): boolean {
    this.columnar = this.schema !== undefined && this.options.format.captureColumns?.() === true;
    return this.columnar;
  }

  async next(maxRecords: number): Promise<SourceBatch | undefined> {
    const schema = this.schema;
    if (!schema) throw new VeloError(ErrorCodes.INTERNAL, `source '${this.name}' read before open()`);
    if (this.finished) return undefined;
    const readTime = this.clock.now();
    const limit = this.options.maxRecords ?? Infinity;
    const most = Math.min(maxRecords, this.options.batchSize ?? DEFAULT_SOURCE_BATCH_SIZE);
    const builder = new TextBatchBuilder(schema, this.name, readTime, this.columnar ? most : undefined);
    const lingerMs = this.options.lingerMs ?? DEFAULT_LINGER_MS;
    let caughtUp = false;
    let firstAt = Number.NaN;
    while (builder.length < most) {
      if (builder.length > 0 && Number.isNaN(firstAt)) firstAt = performance.now();
      if (this.recordIndex >= limit) {
        this.finished = true;
        break;
      }
      const sampled = this.pending.shift();
      if (sampled) {
        this.handle(builder, readTime, sampled.captured, sampled.line, sampled);
        this.position = { file: this.current?.input.id ?? '', byteOffset: sampled.endByte, line: sampled.nextLine, record: this.recordIndex };
        continue;
      }
      const current = this.current;
      if (!current) {
        this.finished = true;
        break;
      }
      const step = this.steps(current, builder, readTime, most, limit);
      if (step === 'record') continue;
      if (step === 'end') {
        await this.advanceInput();
        continue;
      }
      // need-more
      if (!current.reader.exhausted || !this.tails(current)) {
        // A live input hands over what it has once nothing more arrives within the linger: no waiting to fill a batch.
        if (current.input.live === true && builder.length > 0) {
          const fill = (this.pendingFill ??= current.reader.fill());
          if (!(await settlesWithin(fill, lingerMs - (performance.now() - firstAt)))) break;
        }
        // With nothing left to hand over and nothing arriving for a quiet period, it says it is caught up (once).
        if (current.input.live === true && builder.length === 0 && !this.reportedCaughtUp) {
          const fill = (this.pendingFill ??= current.reader.fill());
          if (await staysQuiet(fill, Math.max(lingerMs, CAUGHT_UP_QUIET_MS))) {
            this.reportedCaughtUp = true;
            caughtUp = true;
            break;
          }
        }
        await this.fill(current);
        continue;
      }
      // Tailing and nothing new: hand over what we have, or wait one polling interval for more.
      caughtUp = true;
      if (builder.length === 0) {
        await abortableSleep(this.options.pollingIntervalMs ?? 1000, this.context?.signal);
        if (this.context?.signal.aborted) return undefined;
        await this.fill(current);
      }
      break;
    }
    if (builder.length === 0 && this.finished && this.bounded) return undefined;
    if (builder.length > 0) this.reportedCaughtUp = false;
    this.capturePosition();
    return { batch: builder.finish(), position: this.position ?? this.startPosition(), caughtUp };
  }

  /** Reads the next chunk, taking over a read a live input started earlier (sampling, or a linger that ran out). */
  private async fill(current: OpenInput): Promise<boolean> {
    const fill = this.pendingFill ?? current.reader.fill();
    this.pendingFill = undefined;
    return fill;
  }

  async commit(): Promise<void> {
    // Files have nothing to acknowledge: the engine keeps positions in its checkpoints.
  }

  async close(): Promise<void> {
    const current = this.current;
    this.current = undefined;
    if (current) {
      this.counters.bytes += current.reader.bytesRead;
      await current.reader.close();
    }
  }

  private tails(current: OpenInput): boolean {
    return this.options.watching === true && current.input === this.inputs[this.inputs.length - 1];
  }

  private openInput(index: number, startByte: number, line: number, resumed: boolean): OpenInput {
    const input = this.inputs[index] as TextInput;
    this.inputIndex = index;
    const tokenizer = this.options.format.createTokenizer(line);
    return {
      input,
      reader: new TextRecordReader(input.open(startByte), tokenizer, startByte),
      skipRemaining: resumed ? 0 : (this.options.skipLines ?? 0),
      headerPending: !resumed && this.options.format.hasHeader,
    };
  }

  private async advanceInput(): Promise<void> {
    this.capturePosition();
    await this.close();
    if (this.inputIndex + 1 >= this.inputs.length) {
      this.finished = true;
      return;
    }
    this.current = this.openInput(this.inputIndex + 1, 0, 1, false);
  }

  /**
   * Scans and handles records from the current input until the batch holds `most`, `limit` records were read, or
   * the input needs more bytes or ended: one tight loop over the records already read, no per-record return to `next`.
   */
  private steps(current: OpenInput, builder: TextBatchBuilder, readTime: number, most: number, limit: number): 'record' | 'need-more' | 'end' {
    const format = this.options.format;
    const tails = this.tails(current);
    const firstInput = this.inputIndex === 0;
    const tokenizer = current.reader.tokenizer;
    // A row captured by such a format needs no conversion and, without an event-time or NOT NULL column, no checks.
    const direct = format.capturesRows === true && this.eventTime === undefined && this.requiredColumns.length === 0;
    // Such a format writes a record straight into the batch's column vectors when the batch has them.
    const columns = direct && format.captureInto !== undefined ? builder.columns : undefined;
    const reader = current.reader;
    // Rows in runs only when the batch holds rows (a columnar batch takes its own scan below).
    const run = direct && columns === undefined ? this.run : undefined;
    do {
      if (run !== undefined && current.skipRemaining === 0 && !current.headerPending) {
        // Records the format reads in one pass are taken as a run, without a scan and a capture each.
        const count = format.captureRun?.(tokenizer, run, Math.min(most - builder.length, limit - this.recordIndex)) ?? 0;
        if (count > 0) {
          builder.pushRun(run, readTime, this.recordIndex);
          run.length = 0;
          this.recordIndex += count;
          this.counters.records += count;
          if (builder.length >= most || this.recordIndex >= limit) break;
        }
      }
      if (columns !== undefined && format.scanColumns !== undefined && current.skipRemaining === 0 && !current.headerPending) {
        // Plain records in bulk; the tokenizer below takes whatever stopped the scan.
        const taken = format.scanColumns(tokenizer, columns, Math.min(most - builder.length, limit - this.recordIndex));
        if (taken > 0) {
          builder.pushColumnRun(taken, readTime, this.recordIndex);
          this.recordIndex += taken;
          this.counters.records += taken;
          if (builder.length >= most || this.recordIndex >= limit) return 'record';
        }
      }
      const scan = scanStructure(current, format, tails, firstInput);
      if (scan === 'need-more' || scan === 'end') return scan;
      if (columns !== undefined && scan === 'record') {
        const problem = invalidUtf8Problem(reader) ?? format.captureInto!(tokenizer, columns);
        if (problem === undefined) {
          builder.pushColumns(readTime, this.recordIndex++);
          this.counters.records++;
        } else this.handle(builder, readTime, problem, tokenizer.recordLine, undefined, current);
        continue;
      }
      const captured: unknown = scan === 'malformed' ? malformedProblem(format, tokenizer) : (invalidUtf8Problem(reader) ?? format.capture(tokenizer));
      if (direct && Array.isArray(captured)) {
        builder.push(captured as Row, readTime, this.recordIndex++);
        this.counters.records++;
      } else this.handle(builder, readTime, captured, tokenizer.recordLine, undefined, current);
    } while (builder.length < most && this.recordIndex < limit);
    return 'record';
  }

  private capturePosition(): void {
    const current = this.current;
    if (!current || this.pending.length > 0) return;
    this.position = {
      file: current.input.id,
      byteOffset: current.reader.consumedByteOffset,
      line: current.reader.tokenizer.nextLine,
      record: this.recordIndex,
    };
  }

  private startPosition(): TextSourcePosition {
    return { file: this.inputs[0]?.id ?? '', byteOffset: 0, line: 1, record: 0 };
  }

  /** Continues from a checkpoint: earlier inputs are skipped and the input named there is read from its byte offset. */
  private async resume(position: Partial<TextSourcePosition>): Promise<void> {
    const index = this.inputs.findIndex((input) => input.id === position.file);
    if (index === -1) {
      throw new VeloError(ErrorCodes.CHECKPOINT, `source '${this.name}': cannot resume from '${String(position.file)}': it is not among the inputs`);
    }
    await this.close();
    this.pending = [];
    const byteOffset = position.byteOffset ?? 0;
    this.current = this.openInput(index, byteOffset, position.line ?? 1, byteOffset > 0);
    this.recordIndex = position.record ?? 0;
    this.position = { file: position.file as string, byteOffset, line: position.line ?? 1, record: this.recordIndex };
  }
}
