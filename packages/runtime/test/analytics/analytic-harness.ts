import { expect } from 'vitest';
import {
  ManualClock,
  Schema,
  SqlTypes,
  createBatch,
  decimalType,
  type RecordBatch,
  type Row,
  type SqlType,
  type SqlValue,
} from '@velots/core';
import {
  ExpressionBinder,
  Scope,
  defaultAggregateCatalog,
  defaultFunctionCatalog,
  type AnalyticCallPlan,
  type AnalyticWindowPlan,
  type FramePlan,
  type PhysicalAnalytic,
  type SortKey,
} from '@velots/planner';
import { parseExpression } from '@velots/sql-parser';
import { AnalyticOperator } from '../../src/analytics/analytic-operator.js';
import type { RecordFailure } from '../../src/operators/operator.js';

/** The input of most specifications: a trade per row. */
export const trades = Schema.of(
  ['symbol', SqlTypes.STRING],
  ['price', decimalType(10, 2)],
  ['ts', SqlTypes.TIMESTAMP],
  ['qty', SqlTypes.BIGINT],
);

const binder = new ExpressionBinder(defaultFunctionCatalog, { file: 'analytics.test.sql' });
const NAVIGATION = new Set(['FIRST_VALUE', 'LAST_VALUE', 'NTH_VALUE']);

/** Binds `sql` over `schema`. */
export function bindOver(schema: Schema, sql: string) {
  return binder.bind(parseExpression(sql), Scope.ofSchema(schema, ['t']));
}

/** An analytic call as the planner would hand it over: `call('LAG', ['price', '1'])`. */
export function call(
  name: string,
  args: readonly string[],
  options: { frame?: FramePlan; distinct?: boolean; schema?: Schema } = {},
): AnalyticCallPlan {
  const schema = options.schema ?? trades;
  const bound = args.map((a) => bindOver(schema, a));
  const aggregate = !NAVIGATION.has(name) && defaultAggregateCatalog.lookup(name) !== undefined;
  const type: SqlType = aggregate
    ? defaultAggregateCatalog.lookup(name)!.resolve(
        bound.map((b) => b.type),
        { distinct: options.distinct ?? false },
      ).result
    : (bound[0]?.type ?? SqlTypes.BIGINT);
  return {
    name,
    args: bound,
    type,
    aggregate,
    distinct: options.distinct ?? false,
    frame: options.frame,
    text: `${name}(${args.join(', ')})`,
  };
}

export interface OverSpec {
  readonly partitionBy?: readonly string[];
  readonly orderBy?: readonly string[];
  readonly bufferRows?: number;
  readonly emitMode?: 'EVERY_RECORD' | 'ON_BUFFER_FULL';
  readonly expireAfterMs?: number;
  readonly schema?: Schema;
}

/** One OVER (…) with its calls; ORDER BY items may end in ` DESC`. */
export function over(spec: OverSpec, calls: readonly AnalyticCallPlan[]): AnalyticWindowPlan {
  const schema = spec.schema ?? trades;
  const orderBy: SortKey[] = (spec.orderBy ?? []).map((text) => {
    const descending = / DESC$/i.test(text);
    return { expr: bindOver(schema, text.replace(/ DESC$/i, '')), descending, nullsFirst: false };
  });
  return {
    partitionBy: (spec.partitionBy ?? []).map((p) => bindOver(schema, p)),
    orderBy,
    bufferRows: spec.bufferRows,
    emitMode: spec.emitMode ?? 'EVERY_RECORD',
    expireAfterMs: spec.expireAfterMs,
    calls,
  };
}

/** The PhysicalAnalytic node over a scan of `schema`: input fields + one column per call (`c0`, `c1`, …). */
export function analyticNode(windows: readonly AnalyticWindowPlan[], schema: Schema = trades): PhysicalAnalytic {
  const columns = windows.flatMap((w) => w.calls).map((c, i) => [`c${i}`, c.type] as const);
  return {
    kind: 'Analytic',
    input: { kind: 'Scan', input: 'in', schema },
    windows,
    schema: Schema.of(...schema.fields.map((f) => [f.name, f.type] as const), ...columns),
  };
}

/**
 * Feeds batches through a fresh operator; returns what each step emitted (plus finish) and the failures. The
 * same input is also fed re-cut into batches of 1 and of 7 records, and the rows and failures every run
 * emits in all must be the same: the batch size never changes a result.
 */
export function runAnalytic(
  windows: readonly AnalyticWindowPlan[],
  batches: readonly (readonly Row[])[],
  options: { schema?: Schema; bounded?: boolean; eventTimes?: (row: Row, i: number) => number } = {},
): { steps: RecordBatch[]; finished: RecordBatch | undefined; rows: Row[]; failures: RecordFailure[] } {
  const result = runAnalyticOnce(windows, batches, options);
  const all = batches.flat();
  for (const size of [1, 7]) {
    const recut: Row[][] = [];
    for (let i = 0; i < all.length; i += size) recut.push(all.slice(i, i + size));
    const again = runAnalyticOnce(windows, recut, options);
    expect(again.rows, `analytic output at batch size ${size}`).toEqual(result.rows);
    expect(again.failures.map(describeFailure), `analytic failures at batch size ${size}`).toEqual(result.failures.map(describeFailure));
  }
  return result;
}

function describeFailure(failure: RecordFailure): string {
  return `${failure.batch.rows[failure.index] === undefined ? '?' : JSON.stringify(failure.batch.rows[failure.index], (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v))}: ${failure.error instanceof Error ? failure.error.message : String(failure.error)}`;
}

function runAnalyticOnce(
  windows: readonly AnalyticWindowPlan[],
  batches: readonly (readonly Row[])[],
  options: { schema?: Schema; bounded?: boolean; eventTimes?: (row: Row, i: number) => number } = {},
): { steps: RecordBatch[]; finished: RecordBatch | undefined; rows: Row[]; failures: RecordFailure[] } {
  const schema = options.schema ?? trades;
  // Unbounded by default: these tests specify how rows are computed as they arrive; bounded inputs wait for whole partitions.
  const operator = new AnalyticOperator(analyticNode(windows, schema), new ManualClock(0), options.bounded ?? false);
  const failures: RecordFailure[] = [];
  const steps: RecordBatch[] = [];
  let n = 0;
  for (const rows of batches) {
    const times = rows.map((row) => options.eventTimes?.(row, n++) ?? n++);
    steps.push(operator.process(createBatch(schema, rows, times), failures));
  }
  const finished = operator.finish();
  const rows = [...steps.flatMap((s) => s.rows), ...(finished?.rows ?? [])];
  return { steps, finished, rows, failures };
}

/** The appended call columns of output rows, decimals as text. */
export function calls(rows: readonly Row[], inputWidth = trades.fields.length): SqlValue[][] {
  return rows.map((row) => row.slice(inputWidth).map(plain));
}

/** A value as a test compares it: DECIMAL as its text. */
export function plain(value: SqlValue | undefined): SqlValue {
  if (value !== null && typeof value === 'object' && 'unscaled' in value) return String(value);
  return value ?? null;
}
