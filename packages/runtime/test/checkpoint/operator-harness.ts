import { expect } from 'vitest';
import { ManualClock, noopTelemetry, type RecordBatch, type Row, type Schema, type StateValue } from '@velots/core';
import type { SidedBatch } from '../../src/joins/sided-source.js';
import type { JobPlan } from '@velots/planner';
import { Engine } from '../../src/engine/engine.js';
import { buildOperators } from '../../src/engine/operator-chain.js';
import { buildJobOperators, disposeOperators } from '../../src/parallel/job-operators.js';
import { IterableSource } from '../../src/connectors/memory/iterable-source.js';
import { TableCollector, type LoadedTable } from '../../src/joins/table-state.js';
import type { Operator, RecordFailure } from '../../src/operators/operator.js';
import { decodeState, encodeState } from '../../src/checkpoint/state-codec.js';
import { BATCH_SIZES } from '../batch-sizes.js';

type PlainObject = Record<string, unknown>;

/** One input record of a run: which job input it comes from (0 for the stream; 0/1 for the sides of an interval join). */
export interface FedRecord {
  readonly input: number;
  readonly row: Row;
  readonly eventTime: number;
}

/** How a run's inputs arrive. */
export interface RunOptions {
  /** The order the records of the streams arrive in (`[input name, object]`); default: each stream whole, in turn. */
  readonly feed?: readonly (readonly [string, PlainObject])[];
  /** The field whose value is a record's event time (epoch ms); default 0. */
  readonly eventTime?: string;
}

/** A planned job with its input records, ready to be run by chains of operators built from its plan. */
export interface PlannedRun {
  readonly job: JobPlan;
  readonly records: readonly FedRecord[];
  readonly tables: ReadonlyMap<string, LoadedTable>;
}

/** What a chain emitted: output rows with their event times, and late records, each in the order they left. */
export interface Emitted {
  readonly out: readonly (readonly [Row, number])[];
  readonly late: readonly Row[];
}

const quiet = (): void => undefined;

/** Rows of `objects` typed by `schema`, as the in-memory source decodes them. */
async function decode(name: string, objects: readonly PlainObject[], schema: JobPlan['inputs'][number]['schema']): Promise<Row[]> {
  const source = new IterableSource({ name, items: objects, schema });
  await source.open({ signal: new AbortController().signal, telemetry: noopTelemetry, clock: new ManualClock(0), resumeFrom: undefined, reportBadRecord: quiet });
  const rows: Row[] = [];
  for (let read = await source.next(1_000_000); read; read = await source.next(1_000_000)) rows.push(...read.batch.rows);
  await source.close();
  return rows;
}

/**
 * Plans `sql` (its last job) over in-memory inputs; `feed` says in which order the records of the streams arrive
 * (`[input name, object]`), tables are loaded whole.
 */
export async function planRun(sql: string, streams: Readonly<Record<string, readonly PlainObject[]>>, options: RunOptions = {}): Promise<PlannedRun> {
  const feed = options.feed;
  const field = options.eventTime;
  const engine = await Engine.load({ sql, sources: streams, warn: quiet });
  const job = engine.jobPlans[engine.jobPlans.length - 1]!;
  const order = feed ?? Object.entries(streams).flatMap(([name, objects]) => objects.map((o) => [name, o] as const));
  const streamInputs = job.inputs.filter((i) => i.role === 'stream');
  const records: FedRecord[] = [];
  for (const [input, binding] of streamInputs.entries()) {
    const mine = order.filter(([name]) => name === binding.name).map(([, o]) => o);
    const rows = await decode(binding.name, mine, binding.schema);
    let r = 0;
    order.forEach(([name], position) => {
      if (name !== binding.name) return;
      const eventTime = field === undefined ? 0 : Number(order[position]![1][field]);
      records.push({ input, row: rows[r++]!, eventTime, ...{ position } } as FedRecord & { position: number });
    });
  }
  records.sort((a, b) => (a as FedRecord & { position: number }).position - (b as FedRecord & { position: number }).position);
  const tables = new Map<string, LoadedTable>();
  for (const binding of job.inputs.filter((i) => i.role === 'table')) {
    const collector = new TableCollector(binding.schema, binding.keyColumns, binding.keepsEveryRow === true);
    collector.add({ schema: binding.schema, rows: await decode(binding.name, streams[binding.name] ?? [], binding.schema), eventTimes: [] });
    tables.set(binding.name, collector.result());
  }
  return { job, records, tables };
}

function streamSchemas(run: PlannedRun): Schema[] {
  return run.job.inputs.filter((i) => i.role === 'stream').map((i) => i.schema);
}

/** A fresh operator chain of the run's plan, the way the job runner builds it (on `workers` threads when more than 1). */
export function chainOf(run: PlannedRun, workers = 1): Operator[] {
  const inputs = Math.max(1, new Set(run.records.map((r) => r.input)).size);
  const clock = new ManualClock(0);
  if (workers > 1) return buildJobOperators(run.job.root, clock, true, run.tables, new Map(), inputs, workers);
  return buildOperators(run.job.root, clock, true, run.tables, new Map(), inputs);
}

/** The names of the operators of the run's chain, leaf first. */
export function operatorNames(run: PlannedRun): string[] {
  return chainOf(run).map((op) => op.name);
}

/** Drives a chain as the job runner does: batches through every operator, late records drained after each, changes and the end. */
export class ChainDriver {
  readonly emitted: { out: (readonly [Row, number])[]; late: Row[] } = { out: [], late: [] };
  private readonly failures: RecordFailure[] = [];

  constructor(
    readonly operators: Operator[],
    private readonly schemas: readonly Schema[],
  ) {}

  /** Feeds `records` in batches of at most `size` (and never across an input change or an `emitAt` position). */
  feed(records: readonly FedRecord[], size: number, emitAt: ReadonlySet<number> = new Set(), offset = 0): void {
    let start = 0;
    while (start < records.length) {
      let end = start + 1;
      while (end < records.length && end - start < size && records[end]!.input === records[start]!.input && !emitAt.has(offset + end)) end++;
      const input = records[start]!.input;
      for (const op of this.operators) op.readFrom?.(input, false, 0);
      const batch: SidedBatch = { schema: this.schemas[input]!, rows: records.slice(start, end).map((r) => r.row), eventTimes: records.slice(start, end).map((r) => r.eventTime), side: input === 0 ? 'left' : 'right' };
      this.push(batch, 0);
      if (emitAt.has(offset + end)) this.emitChanges();
      start = end;
    }
  }

  emitChanges(): void {
    this.operators.forEach((op, i) => {
      const changes = op.emitChanges?.();
      if (changes) this.push(changes, i + 1);
    });
  }

  /** The end of a bounded input: what each operator holds, through the rest of the chain. */
  finish(): void {
    this.operators.forEach((op, i) => {
      const held = op.finish?.(this.failures);
      if (held) this.push(held, i + 1);
    });
  }

  /** Every operator's snapshot (undefined for a stateless one). */
  async snapshot(): Promise<StateValue[]> {
    const states: StateValue[] = [];
    for (const op of this.operators) states.push(op.snapshot ? await op.snapshot() : undefined);
    return states;
  }

  async restore(states: readonly StateValue[]): Promise<void> {
    for (const [i, op] of this.operators.entries()) if (op.restore) await op.restore(states[i]);
  }

  private push(input: RecordBatch, first: number): void {
    let batch = input;
    for (let i = first; i < this.operators.length && batch.rows.length > 0; i++) batch = this.operators[i]!.process(batch, this.failures);
    this.failures.length = 0;
    for (const op of this.operators) {
      const late = op.drainLate?.();
      if (late) this.emitted.late.push(...late.rows);
    }
    batch.rows.forEach((row, r) => this.emitted.out.push([row, batch.eventTimes[r]!]));
  }
}

/**
 * The run cut after `cut` records on `workers[0]` threads, restored on `workers[1]` threads (worker threads are
 * stopped after); output rows sorted, as threads emit their groups in worker order.
 */
export async function interruptedOnWorkers(run: PlannedRun, size: number, cut: number, workers: readonly [number, number], emitAt?: ReadonlySet<number>): Promise<Emitted> {
  const before = new ChainDriver(chainOf(run, workers[0]), streamSchemas(run));
  const after = new ChainDriver(chainOf(run, workers[1]), streamSchemas(run));
  try {
    before.feed(run.records.slice(0, cut), size, emitAt);
    const bytes = encodeState(await before.snapshot());
    await after.restore(decodeState(bytes) as StateValue[]);
    after.feed(run.records.slice(cut), size, emitAt, cut);
    after.finish();
  } finally {
    disposeOperators(before.operators);
    disposeOperators(after.operators);
  }
  return { out: [...before.emitted.out, ...after.emitted.out].sort(byJson), late: [...before.emitted.late, ...after.emitted.late] };
}

/** Orders output rows by their JSON text (bigints and decimals as text): a multiset comparison. */
export function byJson(a: readonly [Row, number], b: readonly [Row, number]): number {
  const text = (x: readonly [Row, number]): string => JSON.stringify(x, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
  return text(a).localeCompare(text(b));
}

/** The whole run without a break. */
export function uninterrupted(run: PlannedRun, size: number, emitAt?: ReadonlySet<number>): Emitted {
  const driver = new ChainDriver(chainOf(run), streamSchemas(run));
  driver.feed(run.records, size, emitAt);
  driver.finish();
  return driver.emitted;
}

/** The run cut after `cut` records: snapshot, encode, decode, restore into a fresh chain, go on. */
export async function interrupted(run: PlannedRun, size: number, cut: number, emitAt?: ReadonlySet<number>): Promise<Emitted> {
  const before = new ChainDriver(chainOf(run), streamSchemas(run));
  before.feed(run.records.slice(0, cut), size, emitAt);
  const bytes = encodeState(await before.snapshot());
  const after = new ChainDriver(chainOf(run), streamSchemas(run));
  await after.restore(decodeState(bytes) as StateValue[]);
  after.feed(run.records.slice(cut), size, emitAt, cut);
  after.finish();
  return { out: [...before.emitted.out, ...after.emitted.out], late: [...before.emitted.late, ...after.emitted.late] };
}

/**
 * Asserts that every cut gives exactly the uninterrupted output, at batch sizes 1, 7 and the default; returns
 * the uninterrupted output (the same at every batch size, asserted too).
 */
export async function expectRestoresExactly(run: PlannedRun, cuts: readonly number[], emitAt?: ReadonlySet<number>): Promise<Emitted> {
  const reference = uninterrupted(run, 1, emitAt);
  for (const size of BATCH_SIZES) {
    const batchSize = size ?? run.job.batchSize;
    expect(uninterrupted(run, batchSize, emitAt), `uninterrupted at batch size ${batchSize}`).toEqual(reference);
    for (const cut of cuts) {
      expect(await interrupted(run, batchSize, cut, emitAt), `cut after ${cut} records at batch size ${batchSize}`).toEqual(reference);
    }
  }
  return reference;
}

/** The encoded snapshot of a chain fed `records`, taken again after `more` records: both must encode the same bytes. */
export async function snapshotIsolated(run: PlannedRun, cut: number, more: number): Promise<{ before: Uint8Array; after: Uint8Array }> {
  const driver = new ChainDriver(chainOf(run), streamSchemas(run));
  driver.feed(run.records.slice(0, cut), 7);
  const states = await driver.snapshot();
  const before = encodeState(states);
  driver.feed(run.records.slice(cut, cut + more), 7, new Set(), cut);
  driver.emitChanges();
  return { before, after: encodeState(states) };
}
