import { systemClock, type Clock, type Row, type Schema, type Source, type SourceBatch, type SourceContext, type SqlValue } from '@velots/core';
import { abortableSleep } from '../file/sleep.js';
import type { ConnectorStats, CountingConnector } from '../stats.js';
import { decimalFromUnscaled } from '@velots/serde-json';
import { DEMO_TRADE_FIELDS, generatedSchema, type GeneratedField } from './field-spec.js';
import { SeededRandom } from './seeded-random.js';

/** Options of the generator source (also its programmatic constructor, for benchmarks). */
export interface GeneratorOptions {
  readonly name: string;
  /** Column recipes; the trades demo when absent. */
  readonly fields?: readonly GeneratedField[] | undefined;
  /** Number of records; unbounded when absent. */
  readonly count?: number | undefined;
  /** Records per second; as fast as possible when absent. */
  readonly rate?: number | undefined;
  readonly seed?: number | undefined;
  /** Largest batch the generator returns (the engine's maxRecords also caps it). */
  readonly batchSize?: number | undefined;
  /** Event time of the first record, epoch ms (default: the clock at open). */
  readonly eventTimeStart?: number | undefined;
  /** Event time step between records, ms (default 1). */
  readonly eventTimeStep?: number | undefined;
}

/** How long a generator produces without yielding to the event loop. */
const YIELD_EVERY_MS = 10;

const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

type ValueMaker = (index: number, eventTime: number) => SqlValue;
type RowMaker = (index: number, eventTime: number) => Row;

/**
 * One row as an array literal of its columns' makers, generated per field list: each maker has its own call site
 * (inlined once compiled) and the row is allocated at its size, where a loop would call every maker from one site.
 */
function compileRowMaker(makers: readonly ValueMaker[]): RowMaker {
  const names = makers.map((_m, i) => `make${i}`);
  const calls = names.map((name) => `${name}(index, eventTime)`).join(', ');
  return (new Function(...names, `return function makeRow(index, eventTime) { return [${calls}]; };`) as (...m: ValueMaker[]) => RowMaker)(...makers);
}

/**
 * Deterministic, seeded rows of every scalar type for demos and benchmarks. With a `rate`, it sleeps once
 * per batch until the wall clock catches up with the records produced (no timer per record).
 */
export class GeneratorSource implements Source, CountingConnector {
  readonly name: string;
  readonly bounded: boolean;
  readonly schema: Schema;
  private readonly rowMaker: RowMaker;
  private readonly random: SeededRandom;
  private produced = 0;
  private eventTimeStart = 0;
  private startedAt = 0;
  private clock: Clock = systemClock;
  private signal: AbortSignal | undefined;
  private lastYield = performance.now();

  constructor(private readonly options: GeneratorOptions) {
    this.name = options.name;
    this.bounded = options.count !== undefined;
    const fields = options.fields ?? DEMO_TRADE_FIELDS;
    this.schema = generatedSchema(fields);
    this.random = new SeededRandom(options.seed ?? 42);
    this.rowMaker = compileRowMaker(fields.map((f) => this.makerFor(f)));
  }

  stats(): ConnectorStats {
    return { records: this.produced, bytes: 0, badRecords: 0 };
  }

  async open(context: SourceContext): Promise<Schema> {
    this.clock = context.clock;
    this.signal = context.signal;
    this.startedAt = context.clock.now();
    this.eventTimeStart = this.options.eventTimeStart ?? this.startedAt;
    const resume = context.resumeFrom as { record?: unknown; eventTimeStart?: unknown } | undefined;
    // Fast-forward so a resumed generator continues the same sequence, on the same event-time line, at its pace.
    if (resume && typeof resume.record === 'number') {
      while (this.produced < resume.record) this.makeRow(this.produced++);
      if (this.options.eventTimeStart === undefined && typeof resume.eventTimeStart === 'number') this.eventTimeStart = resume.eventTimeStart;
      if (this.options.rate !== undefined) this.startedAt -= (this.produced / this.options.rate) * 1000;
    }
    return this.schema;
  }

  async next(maxRecords: number): Promise<SourceBatch | undefined> {
    const remaining = this.options.count === undefined ? Infinity : this.options.count - this.produced;
    if (remaining <= 0) return undefined;
    let size = Math.min(maxRecords, this.options.batchSize ?? 1024, remaining);
    const rate = this.options.rate;
    if (rate !== undefined) {
      size = Math.min(size, Math.max(1, Math.ceil(rate / 10)));
      const due = this.startedAt + (this.produced / rate) * 1000;
      const wait = due - this.clock.now();
      if (wait > 0) {
        await abortableSleep(wait, this.signal);
        this.lastYield = performance.now();
      }
      if (this.signal?.aborted) return undefined;
    }
    // A generator never waits for I/O: every YIELD_EVERY_MS it lets timers run (checkpoints, idle ticks, a server's requests).
    if (performance.now() - this.lastYield >= YIELD_EVERY_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      this.lastYield = performance.now();
    }
    // Built straight into the batch's arrays: no per-record metadata, no timestamps or partitions arrays (a
    // record's time is its event time, its partition 0 — what the batch means when they are absent).
    const rows = new Array<Row>(size);
    const eventTimes = new Array<number>(size);
    const offsets = new Array<number>(size);
    const step = this.options.eventTimeStep ?? 1;
    const first = this.produced;
    const start = this.eventTimeStart;
    const makeRow = this.rowMaker;
    for (let i = 0; i < size; i++) {
      const index = first + i;
      const eventTime = start + index * step;
      rows[i] = makeRow(index, eventTime);
      eventTimes[i] = eventTime;
      offsets[i] = index;
    }
    this.produced = first + size;
    // Paced by `rate`, it is caught up when the next record is not due yet.
    const caughtUp = rate !== undefined && this.startedAt + (this.produced / rate) * 1000 > this.clock.now();
    const batch = { schema: this.schema, rows, eventTimes, offsets, topic: this.name };
    return { batch, position: { record: this.produced, eventTimeStart: this.eventTimeStart }, caughtUp };
  }

  async commit(): Promise<void> {
    // Nothing to acknowledge.
  }

  async close(): Promise<void> {
    // Nothing to release.
  }

  private makeRow(index: number): Row {
    return this.rowMaker(index, this.eventTimeStart + index * (this.options.eventTimeStep ?? 1));
  }

  private makerFor(f: GeneratedField): ValueMaker {
    const r = this.random;
    if (f.mode === 'sequence') return (index) => index;
    if (f.mode === 'event_time') return (_index, eventTime) => eventTime;
    const type = f.type;
    switch (type.kind) {
      case 'BOOLEAN':
        return () => r.next() < 0.5;
      case 'INTEGER':
      case 'BIGINT':
      case 'INTERVAL': {
        const min = f.min ?? 0, max = f.max ?? (type.kind === 'INTEGER' ? 2147483647 : 1_000_000);
        return () => r.int(min, max);
      }
      case 'DOUBLE': {
        const min = f.min ?? 0, max = f.max ?? 1;
        return () => min + r.next() * (max - min);
      }
      case 'DECIMAL': {
        const factor = 10 ** type.scale;
        const min = Math.round((f.min ?? 0) * factor);
        const max = Math.round((f.max ?? Math.min(10 ** (type.precision - type.scale) - 1, 1_000_000)) * factor);
        return () => decimalFromUnscaled(r.int(min, max), type.scale);
      }
      case 'STRING': {
        const choices = f.choices;
        if (choices && choices.length > 0) return () => choices[r.int(0, choices.length - 1)] as string;
        const min = f.min ?? 8, max = f.max ?? 8;
        return () => {
          let s = '';
          for (let i = r.int(min, max); i > 0; i--) s += ALPHANUMERIC[r.int(0, ALPHANUMERIC.length - 1)];
          return s;
        };
      }
      case 'BYTES': {
        const min = f.min ?? 8, max = f.max ?? 8;
        return () => {
          const bytes = new Uint8Array(r.int(min, max));
          for (let i = 0; i < bytes.length; i++) bytes[i] = r.int(0, 255);
          return bytes;
        };
      }
      case 'DATE': {
        const min = f.min ?? 18_262, max = f.max ?? 20_088; // 2020-01-01 .. 2024-12-31
        return () => r.int(min, max);
      }
      default:
        return () => null;
    }
  }
}
