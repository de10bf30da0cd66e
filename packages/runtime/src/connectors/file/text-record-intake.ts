import { isVeloError, type Row, type Schema, type SourceContext } from '@velots/core';
import type { EventTimeExtractor } from '../../time/event-time.js';
import type { ConnectorStats } from '../stats.js';
import { badRecordOf } from './bad-record.js';
import type { TextBatchBuilder } from './text-batch-builder.js';
import { isRecordProblem, type RecordProblem } from './record-format.js';
import { missingRequiredProblem } from './record-checks.js';
import type { OpenInput, SampledRecord, TextInput } from './text-input.js';
import type { TextRecordSourceOptions } from './text-source-options.js';

/**
 * What a TextRecordSource does with each record it captured: converts it to a row, checks NOT NULL columns, reads
 * its event time, and puts it in the batch or reports it as a bad record naming its file, line and byte offset.
 * Reading inputs and batching live in TextRecordSource.
 */
export abstract class TextRecordIntake {
  protected inputs: readonly TextInput[] = [];
  protected inputIndex = 0;
  protected current: OpenInput | undefined;
  protected schema: Schema | undefined;
  protected context: SourceContext | undefined;
  protected eventTime: EventTimeExtractor | undefined;
  /** Columns declared NOT NULL: a record without a value for one is malformed. */
  protected requiredColumns: readonly number[] = [];
  protected recordIndex = 0;
  protected readonly counters = { records: 0, bytes: 0, badRecords: 0 };

  constructor(protected readonly options: TextRecordSourceOptions) {}

  get name(): string {
    return this.options.name;
  }

  stats(): ConnectorStats {
    return { ...this.counters, bytes: this.counters.bytes + (this.current?.reader.bytesRead ?? 0) };
  }

  /**
   * Turns a captured record into a row in the batch, or a bad record; counts either way. The raw text and
   * byte offset are only computed for bad records: sampled records carry them, live ones are sliced from `current`.
   */
  protected handle(
    builder: TextBatchBuilder,
    readTime: number,
    captured: unknown,
    line: number,
    sampled: SampledRecord | undefined,
    current?: OpenInput,
  ): void {
    const index = this.recordIndex++;
    const result: Row | RecordProblem = isRecordProblem(captured) ? captured : this.options.format.toRow(captured);
    if (isRecordProblem(result)) {
      this.reportAt(result, line, index, sampled, current);
      return;
    }
    const missing = this.schema ? missingRequiredProblem(result, this.requiredColumns, this.schema) : undefined;
    if (missing !== undefined) {
      this.reportAt(missing, line, index, sampled, current);
      return;
    }
    let eventTime = readTime;
    if (this.eventTime) {
      try {
        eventTime = this.eventTime(result);
      } catch (error) {
        if (!isVeloError(error)) throw error;
        this.reportAt({ code: 'CAST_FAILED', message: error.message, field: error.location?.field }, line, index, sampled, current);
        return;
      }
    }
    builder.push(result, eventTime, index);
    this.counters.records++;
  }

  private reportAt(problem: RecordProblem, line: number, index: number, sampled: SampledRecord | undefined, current: OpenInput | undefined): void {
    if (sampled) {
      this.report(problem, line, index, sampled.raw, sampled.byteOffset);
      return;
    }
    const tokenizer = current?.reader.tokenizer;
    const raw = tokenizer ? tokenizer.recordText() : '';
    this.report(problem, line, index, raw, tokenizer ? current?.reader.byteOffsetAt(tokenizer.recordStart) : undefined);
  }

  private report(problem: RecordProblem, line: number, index: number, raw: string, byteOffset: number | undefined): void {
    this.counters.badRecords++;
    const file = this.current?.input.display ?? this.inputs[this.inputIndex]?.display ?? this.name;
    this.context?.reportBadRecord(badRecordOf(this.name, file, problem, line, index, raw, byteOffset));
  }
}
