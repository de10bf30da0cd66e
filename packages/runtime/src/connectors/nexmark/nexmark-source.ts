import type { Row, Schema, Source, SourceBatch, SourceContext } from '@velots/core';
import type { ConnectorStats, CountingConnector } from '../stats.js';
import { NexmarkEvents } from './nexmark-events.js';
import { NEXMARK_SCHEMAS, nexmarkEventId, nexmarkTableCount, type NexmarkTable } from './nexmark-model.js';

/** Options of the Nexmark source (also its programmatic constructor, for benchmarks). */
export interface NexmarkSourceOptions {
  readonly name: string;
  /** Which of the three event kinds this source reads. */
  readonly table: NexmarkTable;
  /** Total events of the whole stream (all three tables); this source reads its share. Unbounded when absent. */
  readonly events?: number | undefined;
  /** Events per second of event time (default 10 000). */
  readonly eventsPerSecond?: number | undefined;
  readonly seed?: number | undefined;
  /** Largest batch returned (the engine's maxRecords also caps it). */
  readonly batchSize?: number | undefined;
}

/**
 * Nexmark's Person, Auction or Bid stream, generated deterministically (see NexmarkEvents): three sources with
 * the same `events`, `seed` and rate together read exactly the reference stream's events, each its own kind.
 * Event time is the `date_time` column; `_offset` is the record's index within its table.
 */
export class NexmarkSource implements Source, CountingConnector {
  readonly name: string;
  readonly bounded: boolean;
  readonly schema: Schema;
  private readonly events: NexmarkEvents;
  private readonly total: number;
  private readonly make: (eventId: number) => Row;
  private produced = 0;

  constructor(private readonly options: NexmarkSourceOptions) {
    this.name = options.name;
    this.bounded = options.events !== undefined;
    this.schema = NEXMARK_SCHEMAS[options.table];
    this.events = new NexmarkEvents({ eventsPerSecond: options.eventsPerSecond, seed: options.seed });
    this.total = options.events === undefined ? Infinity : nexmarkTableCount(options.table, options.events);
    const table = options.table;
    this.make = table === 'person' ? (id) => this.events.person(id) : table === 'auction' ? (id) => this.events.auction(id) : (id) => this.events.bid(id);
  }

  /** Leaves the string columns the job does not read NULL (their random draws still taken: the rest is unchanged). */
  readColumns(columns: ReadonlySet<number>): void {
    this.events.readColumns(this.options.table, columns);
  }

  stats(): ConnectorStats {
    return { records: this.produced, bytes: 0, badRecords: 0 };
  }

  async open(context: SourceContext): Promise<Schema> {
    const resume = context.resumeFrom as { record?: unknown } | undefined;
    // Every event is made from its id alone, so resuming is a jump, not a replay.
    if (resume && typeof resume.record === 'number') this.produced = resume.record;
    return this.schema;
  }

  async next(maxRecords: number): Promise<SourceBatch | undefined> {
    const remaining = this.total - this.produced;
    if (remaining <= 0) return undefined;
    const size = Math.min(maxRecords, this.options.batchSize ?? 4096, remaining);
    // Built straight into the batch's arrays: no per-record metadata object, and no timestamps or partitions
    // arrays (a record's time is its event time, its partition 0 — what the batch means when they are absent).
    const rows = new Array<Row>(size);
    const eventTimes = new Array<number>(size);
    const offsets = new Array<number>(size);
    const table = this.options.table;
    const make = this.make;
    const first = this.produced;
    for (let i = 0; i < size; i++) {
      const index = first + i;
      const eventId = nexmarkEventId(table, index);
      rows[i] = make(eventId);
      eventTimes[i] = this.events.eventTime(eventId);
      offsets[i] = index;
    }
    this.produced = first + size;
    return { batch: { schema: this.schema, rows, eventTimes, offsets, topic: this.name }, position: { record: this.produced } };
  }

  async commit(): Promise<void> {
    // Nothing to acknowledge: the stream is a function of the event id.
  }

  async close(): Promise<void> {
    // Nothing to release.
  }
}
