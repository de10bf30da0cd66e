import { decimalType, type SqlType, type SqlValue } from '@velots/core';
import { Decimal } from '@velots/decimal';
import { defaultAggregateCatalog } from '../../src/aggregates/catalog.js';
import type { Accumulator, AggregateFunction, ResolvedAggregate } from '../../src/aggregates/aggregate-def.js';
import { compileCast } from '../../src/values/cast.js';

/** Test driver: runs an aggregate call the way the runtime does (resolve, cast, prepare, add per row, result). */

export interface AggregateCall {
  readonly name: string;
  readonly argTypes: readonly SqlType[];
  readonly distinct?: boolean;
  /** Literal arguments (a separator, a percentile): undefined for column arguments. */
  readonly constants?: readonly (SqlValue | undefined)[];
}

export interface PreparedCall {
  readonly fn: AggregateFunction;
  readonly resolved: ResolvedAggregate;
  create(): Accumulator;
  /** Casts one row's arguments to the resolved types and adds them (through a reused buffer, as the runtime does). */
  feed(acc: Accumulator, rows: readonly (readonly SqlValue[])[]): Accumulator;
}

export function lookup(name: string): AggregateFunction {
  const fn = defaultAggregateCatalog.lookup(name);
  if (!fn) throw new Error(`no aggregate ${name}`);
  return fn;
}

export function prepareCall(call: AggregateCall): PreparedCall {
  const fn = lookup(call.name);
  const options = { distinct: call.distinct ?? false };
  const resolved = fn.resolve(call.argTypes, options);
  const casts = call.argTypes.map((t, i) => compileCast(t, resolved.argTypes[i] as SqlType));
  const castValue = (v: SqlValue, i: number): SqlValue =>
    v === null ? null : (casts[i] as (v: SqlValue) => SqlValue)(v);
  const constants = (call.constants ?? call.argTypes.map(() => undefined)).map((c, i) =>
    c === undefined ? undefined : castValue(c, i),
  );
  const create = fn.prepare(constants, resolved.argTypes, options);
  const buffer: SqlValue[] = [];
  return {
    fn,
    resolved,
    create,
    feed(acc, rows) {
      for (const row of rows) {
        buffer.length = row.length;
        row.forEach((v, i) => (buffer[i] = castValue(v, i)));
        acc.add(buffer);
        // Scribble over the buffer: an accumulator that kept it would see garbage.
        buffer.fill('reused buffer');
      }
      return acc;
    },
  };
}

/** The result of one accumulator fed every row. */
export function aggregate(call: AggregateCall, rows: readonly (readonly SqlValue[])[]): SqlValue {
  const prepared = prepareCall(call);
  return prepared.feed(prepared.create(), rows).result();
}

/** One-column rows from a list of values. */
export function column(values: readonly SqlValue[]): SqlValue[][] {
  return values.map((v) => [v]);
}

/** The result of the rows split in two accumulators at `at`, the second merged into the first. */
export function aggregateSplit(call: AggregateCall, rows: readonly (readonly SqlValue[])[], at: number): SqlValue {
  const prepared = prepareCall(call);
  const left = prepared.feed(prepared.create(), rows.slice(0, at));
  const right = prepared.feed(prepared.create(), rows.slice(at));
  left.merge(right);
  return left.result();
}

export const dec = (text: string): Decimal => Decimal.parse(text);

/** DECIMAL(p, s). */
export const decimal = (precision: number, scale: number): SqlType => decimalType(precision, scale);

/** A decimal result as its text (the exact value at its scale), for exact comparisons. */
export function text(value: SqlValue): string | null {
  return value === null ? null : String(value);
}
