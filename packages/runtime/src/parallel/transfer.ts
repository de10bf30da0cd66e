import { ErrorCodes, Schema, VeloError, type RecordBatch, type Row, type SqlValue } from '@velots/core';
import { defaultFunctionCatalog, type ScalarFunction } from '@velots/planner';
import { Decimal } from '@velots/decimal';
import { decodeRows, encodeRows, type EncodedRows } from './column-codec.js';

/**
 * What crosses between threads: a batch without its schema (the receiver knows it), in structured-clone form.
 * Structured clone keeps arrays, strings, numbers, bigints, Maps and bytes, but drops prototypes: decimals and
 * schemas are rebuilt on arrival (`revive`).
 */
export interface BatchMessage {
  readonly rows: EncodedRows;
  /** Numbers travel as Float64Arrays: structured clone copies a number[] value by value, a typed array's buffer is moved. */
  readonly eventTimes: Float64Array;
  readonly timestamps?: Float64Array | undefined;
  readonly keys?: (string | Uint8Array | null)[] | undefined;
  readonly partitions?: Float64Array | undefined;
  readonly offsets?: Float64Array | undefined;
  readonly topic?: string | undefined;
}

/**
 * A record a worker's operators rejected: a record of a posted batch by its place (`source`: the coordinator
 * still holds the batch, so the dead letter is exactly the one thread's), or a row made in the worker (a
 * HAVING or projection over a group) in full.
 */
export interface FailureMessage {
  /** The `seq`-th batch posted to this worker, record `index` of its share. */
  readonly source: { readonly seq: number; readonly index: number } | undefined;
  readonly row: Row;
  /** The fields of the batch it failed in (the aggregate's input, or a row above it). */
  readonly fields: Schema['fields'];
  readonly eventTime: number;
  readonly partition: number | undefined;
  readonly offset: number | undefined;
  readonly code: string;
  readonly message: string;
}

/** The records at `indexes` of `batch`, with their metadata, ready to post (`transfer`: the buffers to move). */
export function pickRecords(batch: RecordBatch, indexes: readonly number[], transfer: ArrayBuffer[], read?: ReadonlySet<number>): BatchMessage {
  const rows = encodeRows(batch.rows as Row[], indexes, batch.schema.fields.length, transfer, read);
  const numbers = (values: readonly number[] | undefined): Float64Array | undefined => {
    if (values === undefined) return undefined;
    const picked = new Float64Array(indexes.length);
    for (let j = 0; j < indexes.length; j++) picked[j] = values[indexes[j]!]!;
    transfer.push(picked.buffer);
    return picked;
  };
  return {
    rows,
    eventTimes: numbers(batch.eventTimes)!,
    timestamps: numbers(batch.timestamps),
    keys: batch.keys === undefined ? undefined : indexes.map((i) => batch.keys![i]!),
    partitions: numbers(batch.partitions),
    offsets: numbers(batch.offsets),
    topic: batch.topic,
  };
}

/** A received batch message as a RecordBatch of `schema`, its values revived. */
export function batchOf(message: BatchMessage, schema: Schema): RecordBatch {
  const numbers = (values: Float64Array | undefined): number[] | undefined => (values === undefined ? undefined : Array.from(values));
  return {
    schema,
    rows: rowsOf(message),
    eventTimes: numbers(message.eventTimes)!,
    timestamps: numbers(message.timestamps),
    keys: message.keys,
    partitions: numbers(message.partitions),
    offsets: numbers(message.offsets),
    topic: message.topic,
  };
}

/** The rows of a received batch message, decimals revived. */
export function rowsOf(message: BatchMessage): Row[] {
  return decodeRows(message.rows, reviveValue);
}

/** A batch as a message (an operator's output), all of it. */
export function messageOf(batch: RecordBatch, transfer: ArrayBuffer[]): BatchMessage {
  const all = Array.from({ length: batch.rows.length }, (_, i) => i);
  const eventTimes = Float64Array.from(batch.eventTimes);
  transfer.push(eventTimes.buffer);
  return { rows: encodeRows(batch.rows as Row[], all, batch.schema.fields.length, transfer), eventTimes };
}

/** Rebuilds, in place, the decimals structured clone turned into plain objects. */
export function reviveRows(rows: Row[]): void {
  for (const row of rows) {
    for (let c = 0; c < row.length; c++) {
      const value = row[c];
      if (typeof value === 'object' && value !== null) row[c] = reviveValue(value);
    }
  }
}

export function reviveValue(value: SqlValue): SqlValue {
  if (typeof value !== 'object' || value === null || value instanceof Uint8Array) return value;
  if (Array.isArray(value)) return value.map((v: SqlValue) => reviveValue(v));
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [reviveValue(k), reviveValue(v)]));
  const shape = value as { unscaled?: unknown; scale?: unknown };
  if ((typeof shape.unscaled === 'number' || typeof shape.unscaled === 'bigint') && typeof shape.scale === 'number' && Object.keys(value).length === 2) {
    return Decimal.fromUnscaled(shape.unscaled, shape.scale);
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, reviveValue(v as SqlValue)]));
}

/** How a scalar function of a bound call travels: its catalog name (the worker looks it up in the same catalog). */
interface FunctionReference {
  readonly veloScalarFunction: string;
}

/**
 * A plan as plain data a worker can receive: scalar functions by catalog name. Throws INTERNAL when the plan holds
 * something else that is not data (the job then runs on one thread).
 */
export function plainPlan<T>(value: T): unknown {
  return plainNode(value);
}

function plainNode(value: unknown): unknown {
  if (typeof value === 'function') throw new VeloError(ErrorCodes.INTERNAL, 'the plan holds a function that cannot be sent to a worker thread');
  if (typeof value !== 'object' || value === null || value instanceof Uint8Array || value instanceof Schema || value instanceof Decimal) return value;
  if (Array.isArray(value)) return value.map(plainNode);
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [plainNode(k), plainNode(v)]));
  const object = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(object)) {
    if (key === 'fn' && object['kind'] === 'Call') {
      const fn = field as ScalarFunction;
      if (defaultFunctionCatalog.lookup(fn.name) !== fn) throw new VeloError(ErrorCodes.INTERNAL, `function ${fn.name} is not in the default catalog a worker thread has`);
      out[key] = { veloScalarFunction: fn.name } satisfies FunctionReference;
    } else {
      out[key] = plainNode(field);
    }
  }
  return out;
}

/**
 * A plan (plain data after structured clone) with its schemas and decimal literals rebuilt, so a worker compiles
 * it as the coordinator would.
 */
export function revivePlan<T>(value: T): T {
  return reviveNode(value) as T;
}

function reviveNode(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || value instanceof Uint8Array) return value;
  if (Array.isArray(value)) return value.map(reviveNode);
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [reviveNode(k), reviveNode(v)]));
  const object = value as Record<string, unknown>;
  if (typeof object['veloScalarFunction'] === 'string') {
    const fn = defaultFunctionCatalog.lookup(object['veloScalarFunction']);
    if (!fn) throw new VeloError(ErrorCodes.INTERNAL, `function ${object['veloScalarFunction']} is missing from a worker thread's catalog`);
    return fn;
  }
  if (Array.isArray(object['fields']) && object['indexByName'] instanceof Map) return new Schema((object['fields'] as unknown[]).map(reviveNode) as Schema['fields']);
  if ((typeof object['unscaled'] === 'number' || typeof object['unscaled'] === 'bigint') && typeof object['scale'] === 'number' && Object.keys(object).length === 2) {
    return Decimal.fromUnscaled(object['unscaled'], object['scale']);
  }
  const revived: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(object)) revived[key] = reviveNode(field);
  return revived;
}
