import {
  BatchBuilder,
  ErrorCodes,
  Schema,
  SqlTypes,
  VeloError,
  arrayType,
  field,
  isDecimalValue,
  mapType,
  structType,
  type Row,
  type Source,
  type SourceBatch,
  type SourceContext,
  type SqlType,
  type SqlValue,
} from '@velots/core';
import type { ConnectorStats, CountingConnector } from '../stats.js';
import { settlesWithin, staysQuiet } from '../file/sleep.js';
import { CAUGHT_UP_QUIET_MS, DEFAULT_INFER_TIMEOUT_MS, DEFAULT_LINGER_MS, DEFAULT_SOURCE_BATCH_SIZE } from '../file/source-defaults.js';

type PlainObject = Readonly<Record<string, unknown>>;

/** Options of an in-memory source. */
export interface IterableSourceOptions {
  readonly name: string;
  /** The objects: any Iterable or AsyncIterable. */
  readonly items: Iterable<PlainObject> | AsyncIterable<PlainObject>;
  /** Declared schema; inferred from the first objects when absent. */
  readonly schema?: Schema | undefined;
  /** Objects sampled for inference (default 100). */
  readonly inferRows?: number | undefined;
  /** Whether the iterable ends (default true). */
  readonly bounded?: boolean | undefined;
  /** The most records one batch holds (default 4096). */
  readonly batchSize?: number | undefined;
  /** How long an async iterable may hold a batch's first object waiting for more, ms (default 5). */
  readonly lingerMs?: number | undefined;
  /** An async iterable is sampled for types only this long after its first object, ms (default 100). */
  readonly inferTimeoutMs?: number | undefined;
  /** Event time of each object (epoch ms); the read time when absent. */
  readonly eventTime?: ((object: Readonly<Record<string, unknown>>) => number) | undefined;
}

/**
 * Rows from any Iterable or AsyncIterable of plain objects (the embeddable `query()` input). Types come
 * from the values: integer numbers and bigints BIGINT, other numbers DOUBLE (JS objects carry doubles),
 * Decimal DECIMAL, Date TIMESTAMP, strings, booleans, Uint8Array BYTES, arrays, Maps and nested objects.
 */
export class IterableSource implements Source, CountingConnector {
  readonly name: string;
  readonly bounded: boolean;
  private iterator: Iterator<PlainObject> | AsyncIterator<PlainObject> | undefined;
  private readonly buffered: PlainObject[] = [];
  private schema: Schema | undefined;
  private names: string[] = [];
  private done = false;
  private sync = false;
  private pendingPull: Promise<PlainObject | undefined> | undefined;
  /** Said it is caught up and has had no object since: the next read waits for one. */
  private reportedCaughtUp = false;
  private count = 0;
  private context: SourceContext | undefined;

  private readonly input: Iterable<PlainObject> | AsyncIterable<PlainObject>;

  constructor(private readonly options: IterableSourceOptions) {
    this.input = options.items;
    this.name = options.name;
    this.bounded = options.bounded ?? true;
  }

  stats(): ConnectorStats {
    return { records: this.count, bytes: 0, badRecords: 0 };
  }

  async open(context: SourceContext): Promise<Schema> {
    this.context = context;
    const input = this.input as Partial<AsyncIterable<PlainObject>> & Partial<Iterable<PlainObject>>;
    this.iterator = input[Symbol.asyncIterator]?.() ?? (input as Iterable<PlainObject>)[Symbol.iterator]();
    this.sync = input[Symbol.asyncIterator] === undefined;
    if (this.options.schema) {
      this.schema = this.options.schema;
    } else {
      // Types come from the objects there are within a short bound of the first: a slow iterable is not waited for.
      const wanted = this.options.inferRows ?? 100;
      const bound = this.options.inferTimeoutMs ?? DEFAULT_INFER_TIMEOUT_MS;
      let firstAt = Number.NaN;
      while (this.buffered.length < wanted && !this.done) {
        if (this.buffered.length > 0 && !this.sync && !(await settlesWithin(this.nextPull(), bound - (performance.now() - firstAt)))) break;
        const object = await this.takePull();
        if (object !== undefined && this.buffered.push(object) === 1) firstAt = performance.now();
      }
      this.schema = inferObjectSchema(this.buffered);
    }
    this.names = this.schema.names.slice();
    // Resumed from a checkpoint (a fresh iterable of the same objects): skip those already read.
    const resume = context.resumeFrom as { record?: unknown } | undefined;
    if (resume && typeof resume.record === 'number') await this.skip(resume.record);
    return this.schema;
  }

  /** Passes over objects until `record` have been read. */
  private async skip(record: number): Promise<void> {
    while (this.count < record) {
      const object = this.buffered.shift() ?? (this.done ? undefined : this.sync ? this.pullSync() : await this.takePull());
      if (object === undefined) return;
      this.count++;
    }
  }

  async next(maxRecords: number): Promise<SourceBatch | undefined> {
    const schema = this.schema;
    if (!schema) throw new VeloError(ErrorCodes.INTERNAL, `source '${this.name}' read before open()`);
    if (this.done && this.buffered.length === 0) return undefined;
    const builder = new BatchBuilder(schema, this.name);
    const now = this.context?.clock.now() ?? Date.now();
    const meta = { timestamp: now, offset: 0, partition: 0 };
    const most = Math.min(maxRecords, this.options.batchSize ?? DEFAULT_SOURCE_BATCH_SIZE);
    const lingerMs = this.options.lingerMs ?? DEFAULT_LINGER_MS;
    let firstAt = Number.NaN;
    let caughtUp = false;
    while (builder.length < most) {
      let object = this.buffered.shift();
      if (object === undefined) {
        if (this.done) break;
        // A sync iterator is drained without awaiting per object; an async one costs a promise each anyway.
        if (this.sync) object = this.pullSync();
        else {
          // An async iterable hands over what it has once nothing more comes within the linger.
          if (builder.length > 0 && !(await settlesWithin(this.nextPull(), lingerMs - (performance.now() - firstAt)))) break;
          // With nothing to hand over and nothing coming for a quiet period, it says it is caught up (once).
          if (builder.length === 0 && !this.reportedCaughtUp && (await staysQuiet(this.nextPull(), Math.max(lingerMs, CAUGHT_UP_QUIET_MS)))) {
            this.reportedCaughtUp = true;
            caughtUp = true;
            break;
          }
          object = await this.takePull();
        }
        if (object === undefined) break;
      }
      meta.offset = this.count++;
      builder.push(this.toRow(object), this.options.eventTime?.(object) ?? now, meta);
      if (builder.length === 1) firstAt = performance.now();
    }
    if (builder.length === 0 && this.done) return undefined;
    if (builder.length > 0) this.reportedCaughtUp = false;
    return { batch: builder.finish(), position: { record: this.count }, caughtUp };
  }

  /** The pull under way (started if none is): it survives a linger that ran out, for the next read. */
  private nextPull(): Promise<PlainObject | undefined> {
    return (this.pendingPull ??= this.pull());
  }

  private takePull(): Promise<PlainObject | undefined> {
    const pull = this.nextPull();
    this.pendingPull = undefined;
    return pull;
  }

  async commit(): Promise<void> {
    // In-memory input has nothing to acknowledge.
  }

  async close(): Promise<void> {
    const iterator = this.iterator;
    this.iterator = undefined;
    if (iterator && !this.done) await iterator.return?.();
  }

  private toRow(object: PlainObject): Row {
    const row: Row = new Array(this.names.length);
    for (let i = 0; i < this.names.length; i++) row[i] = toSqlValue(object[this.names[i] as string]);
    return row;
  }

  private pullSync(): PlainObject | undefined {
    if (this.done) return undefined;
    const result = (this.iterator as Iterator<PlainObject>).next();
    if (result.done) {
      this.done = true;
      return undefined;
    }
    return result.value;
  }

  private async pull(): Promise<PlainObject | undefined> {
    const result = await (this.iterator as AsyncIterator<PlainObject>).next();
    if (result.done) {
      this.done = true;
      return undefined;
    }
    return result.value;
  }
}

/** A JS value as a row value: Date → epoch ms, undefined → NULL, nested values converted recursively. */
export function toSqlValue(value: unknown): SqlValue {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.getTime();
  if (Array.isArray(value)) return value.map(toSqlValue);
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [toSqlValue(k), toSqlValue(v)]));
  if (typeof value === 'object' && !(value instanceof Uint8Array) && !isDecimalValue(value)) {
    const out: Record<string, SqlValue> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toSqlValue(v);
    return out;
  }
  return value as SqlValue;
}

/** The type a JS value suggests, or undefined for null/undefined. */
function typeOfValue(value: unknown): SqlType | undefined {
  if (value === null || value === undefined) return undefined;
  switch (typeof value) {
    case 'boolean':
      return SqlTypes.BOOLEAN;
    case 'number':
      return Number.isInteger(value) ? SqlTypes.BIGINT : SqlTypes.DOUBLE;
    case 'bigint':
      return SqlTypes.BIGINT;
    case 'string':
      return SqlTypes.STRING;
    default:
      break;
  }
  if (value instanceof Date) return SqlTypes.TIMESTAMP;
  if (value instanceof Uint8Array) return SqlTypes.BYTES;
  if (isDecimalValue(value)) return { kind: 'DECIMAL', precision: 38, scale: value.scale };
  if (Array.isArray(value)) return arrayType(mergeTypes(value.map(typeOfValue)) ?? SqlTypes.STRING);
  if (value instanceof Map) {
    return mapType(mergeTypes([...value.keys()].map(typeOfValue)) ?? SqlTypes.STRING, mergeTypes([...value.values()].map(typeOfValue)) ?? SqlTypes.STRING);
  }
  if (typeof value === 'object') return inferObjectStruct([value as PlainObject]);
  return SqlTypes.STRING;
}

function mergeTypes(types: readonly (SqlType | undefined)[]): SqlType | undefined {
  let out: SqlType | undefined;
  for (const t of types) {
    if (t === undefined) continue;
    if (out === undefined) out = t;
    else out = mergeTwo(out, t);
  }
  return out;
}

function mergeTwo(a: SqlType, b: SqlType): SqlType {
  if (a.kind === b.kind) {
    if (a.kind === 'DECIMAL' && b.kind === 'DECIMAL') return { kind: 'DECIMAL', precision: 38, scale: Math.max(a.scale, b.scale) };
    return a;
  }
  const kinds = new Set([a.kind, b.kind]);
  if (kinds.has('DOUBLE') && (kinds.has('BIGINT') || kinds.has('DECIMAL'))) return SqlTypes.DOUBLE;
  if (kinds.has('BIGINT') && kinds.has('DECIMAL')) return a.kind === 'DECIMAL' ? a : b;
  return SqlTypes.STRING;
}

function inferObjectStruct(objects: readonly PlainObject[]): SqlType {
  return structType(inferObjectSchema(objects).fields);
}

/** The schema of sampled objects: the union of their keys in first-seen order, each key's merged type. */
export function inferObjectSchema(objects: readonly PlainObject[]): Schema {
  const types = new Map<string, (SqlType | undefined)[]>();
  for (const object of objects) {
    for (const key of Object.keys(object)) {
      let list = types.get(key);
      if (!list) types.set(key, (list = []));
      list.push(typeOfValue(object[key]));
    }
  }
  return new Schema([...types].map(([name, list]) => field(name, mergeTypes(list) ?? SqlTypes.STRING)));
}
