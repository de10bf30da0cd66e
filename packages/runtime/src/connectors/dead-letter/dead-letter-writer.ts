import {
  Schema,
  SqlTypes,
  field,
  noopTelemetry,
  structType,
  systemClock,
  type BadRecord,
  type ConnectorContext,
  type Sink,
} from '@velots/core';
import { isUtf8 } from 'node:buffer';
import { ConnectorProperties } from '../config.js';
import { createFileSink } from '../file/file-sink.js';

/**
 * The columns of a dead-letter record, written by a jsonlines sink as `{"reason","code","source","location","raw","rawEncoding"}`;
 * `location` holds every place field (null when unknown).
 */
export const DEAD_LETTER_SCHEMA = Schema.of(
  ['reason', SqlTypes.STRING],
  ['code', SqlTypes.STRING],
  ['source', SqlTypes.STRING],
  [
    'location',
    structType([
      field('file', SqlTypes.STRING),
      field('line', SqlTypes.BIGINT),
      field('column', SqlTypes.BIGINT),
      field('byteOffset', SqlTypes.BIGINT),
      field('topic', SqlTypes.STRING),
      field('partition', SqlTypes.BIGINT),
      field('offset', SqlTypes.BIGINT),
      field('field', SqlTypes.STRING),
    ]),
  ],
  ['raw', SqlTypes.STRING],
  ['rawEncoding', SqlTypes.STRING],
);

/** The raw record as text: UTF-8 text as it is, binary (Avro, Protobuf, bytes that are not UTF-8) as base64. */
function rawText(raw: string | Uint8Array): [text: string, encoding: 'utf8' | 'base64'] {
  if (typeof raw === 'string') return [raw, 'utf8'];
  const bytes = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  return isUtf8(bytes) ? [bytes.toString('utf8'), 'utf8'] : [bytes.toString('base64'), 'base64'];
}

/** A sink that stores bad records natively (Kafka: original key, value and headers plus reason headers). */
export interface DeadLetterSink extends Sink {
  writeDeadLetters(records: readonly BadRecord[]): Promise<void>;
}

function isDeadLetterSink(sink: Sink): sink is DeadLetterSink {
  return typeof (sink as Partial<DeadLetterSink>).writeDeadLetters === 'function';
}

/**
 * Writes bad records (the `dead_letter` failure strategy) to any sink, or to a jsonlines file, one JSON line
 * each with the reason, error code, source and position, and the raw record; counts them.
 */
export class DeadLetterWriter {
  private readonly sink: Sink;
  private opened = false;
  private written = 0;

  constructor(target: Sink | { readonly path: string; readonly name?: string; readonly baseDir?: string }) {
    this.sink =
      'write' in target
        ? target
        : createFileSink(target.name ?? 'dead_letter', new ConnectorProperties(`sink '${target.name ?? 'dead_letter'}'`, target.name ?? 'dead_letter', { path: target.path, append: 'true' }), target.baseDir ?? process.cwd());
  }

  /** Number of bad records written. */
  get count(): number {
    return this.written;
  }

  /** Opens the sink (done by the first write when not called). */
  async open(context?: ConnectorContext): Promise<void> {
    if (this.opened) return;
    this.opened = true;
    await this.sink.open(DEAD_LETTER_SCHEMA, context ?? { signal: new AbortController().signal, telemetry: noopTelemetry, clock: systemClock });
  }

  /** Writes bad records of a source. */
  async write(records: readonly BadRecord[], source?: string): Promise<void> {
    if (records.length === 0) return;
    await this.open();
    if (isDeadLetterSink(this.sink)) {
      await this.sink.writeDeadLetters(records);
      this.written += records.length;
      return;
    }
    const rows = records.map((r) => {
      const l = r.location;
      return [
        r.error.message,
        r.error.code,
        source ?? l.source ?? null,
        {
          file: l.file ?? null,
          line: l.line ?? null,
          column: l.column ?? null,
          byteOffset: l.byteOffset ?? null,
          topic: l.topic ?? null,
          partition: l.partition ?? null,
          offset: l.offset ?? null,
          field: l.field ?? null,
        },
        ...rawText(r.raw),
      ];
    });
    await this.sink.write({ schema: DEAD_LETTER_SCHEMA, rows, eventTimes: rows.map(() => 0) });
    this.written += records.length;
  }

  async flush(): Promise<void> {
    if (this.opened) await this.sink.flush();
  }

  async close(): Promise<void> {
    if (this.opened) await this.sink.close();
  }
}
