import { ErrorCodes, VeloError, createBatch, type RecordBatch, type Row, type SqlValue } from '@velots/core';
import { compareValues, defaultAggregateCatalog, hashKey, type Accumulator, type EvalContext, type HashKey, type PhysicalSubqueryLookup, type ProjectedColumn } from '@velots/planner';
import { compileSelection, newSelectionOutput, type CompiledSelection, type SelectionOutput } from '../compile/filter-project-compiler.js';
import { batchFromSelection } from '../operators/gather-metadata.js';
import type { RecordFailure } from '../operators/operator.js';

/** What `x IN (subquery)` needs of one key's rows: their item values (by `hashKey`), whether one was NULL, how many. */
export interface InSetOfKey {
  readonly values: ReadonlySet<HashKey>;
  readonly hasNull: boolean;
  readonly count: number;
}

interface AggregateLayout {
  readonly firstArg: number;
  readonly argCount: number;
  readonly filterIndex: number;
  readonly create: () => Accumulator;
  readonly args: SqlValue[];
}

/**
 * Evaluates a correlated subquery over the rows a record selected: one compiled pass over the pairs
 * `[record…, subquery row…]` (the residual as its filter; the compared value, the item or the aggregate
 * arguments as its columns), then a fold per record into SQL's three-valued result.
 */
export class SubqueryValues {
  private readonly pairs: CompiledSelection;
  /** Where the ORDER BY keys start in a pass output row (they follow the compared value or item). */
  private readonly orderOffset: number;
  private readonly aggregates: readonly AggregateLayout[];
  private readonly aggregateResult: CompiledSelection | undefined;

  constructor(
    private readonly node: PhysicalSubqueryLookup,
    private readonly context: EvalContext,
  ) {
    const columns: ProjectedColumn[] = [];
    const layouts: AggregateLayout[] = [];
    if (node.aggregate) {
      for (const call of node.aggregate.calls) {
        const fn = defaultAggregateCatalog.lookup(call.name);
        if (!fn) throw new VeloError(ErrorCodes.INTERNAL, `aggregate ${call.name} vanished from the catalog`);
        const firstArg = columns.length;
        call.args.forEach((expr, i) => columns.push({ name: `a${i}`, expr }));
        const filterIndex = call.filter ? columns.push({ name: 'f', expr: call.filter }) - 1 : -1;
        const constants = call.args.map((a) => (a.kind === 'Literal' ? a.value : undefined));
        layouts.push({
          firstArg,
          argCount: call.args.length,
          filterIndex,
          create: fn.prepare(constants, call.args.map((a) => a.type), { distinct: call.distinct }),
          args: new Array<SqlValue>(call.args.length).fill(null),
        });
      }
    } else {
      // Per key, IN collects the item values; otherwise IN/ANY/ALL read the comparison, a scalar its item.
      const value = node.keyedOnly && node.mode === 'in' ? node.item : node.comparison ?? node.item;
      if (value) columns.push({ name: 'v', expr: value });
    }
    this.orderOffset = columns.length;
    // ORDER BY decides which rows a LIMIT keeps; it does not change EXISTS or an aggregate's one row.
    if (node.mode !== 'exists' && !node.aggregate) for (const key of node.order ?? []) columns.push({ name: 'o', expr: key.expr });
    this.aggregates = layouts;
    this.pairs = compileSelection({ predicate: node.residual, columns: columns.length > 0 ? columns : undefined, eventTime: undefined }).run;
    this.aggregateResult = node.aggregate
      ? compileSelection({ predicate: undefined, columns: [{ name: 'result', expr: node.aggregate.result }], eventTime: undefined }).run
      : undefined;
  }

  /** Each record's value (undefined where evaluating it failed; the failure is reported). */
  perRecord(batch: RecordBatch, indexes: readonly number[], buckets: readonly (readonly Row[])[], failures: RecordFailure[]): (SqlValue | undefined)[] {
    const pairs = this.evaluatePairs(batch, indexes, buckets);
    const results: (SqlValue | undefined)[] = [];
    const failed = new Map<number, unknown>();
    pairs.out.failedIndex.forEach((p, k) => failed.set(pairs.owner[p]!, pairs.out.failedError[k]));
    let p = 0;
    for (let j = 0; j < indexes.length; j++) {
      const from = p;
      while (p < pairs.out.sourceIndex.length && pairs.owner[pairs.out.sourceIndex[p]!] === j) p++;
      const error = failed.get(j);
      if (error !== undefined) {
        failures.push({ batch, index: indexes[j]!, error });
        results.push(undefined);
        continue;
      }
      try {
        results.push(this.fold(pairs.out.rows.slice(from, p)));
      } catch (foldError) {
        failures.push({ batch, index: indexes[j]!, error: foldError });
        results.push(undefined);
      }
    }
    return results;
  }

  /** The value for one key, from one record with that key and the key's rows (IN: the key's value set). */
  ofKey(batch: RecordBatch, index: number, bucket: readonly Row[]): SqlValue | InSetOfKey {
    const pairs = this.evaluatePairs(batch, [index], [bucket]);
    if (pairs.out.failedIndex.length > 0) throw pairs.out.failedError[0];
    if (this.node.mode !== 'in') return this.fold(pairs.out.rows);
    const values = new Set<HashKey>();
    let hasNull = false;
    const rows = this.limited(pairs.out.rows);
    for (const row of rows) {
      const key = hashKey((row[0] ?? null) as SqlValue);
      if (key === null) hasNull = true;
      else values.add(key);
    }
    return { values, hasNull, count: rows.length };
  }

  /** `operand [NOT] IN (the key's values)` under three-valued logic. */
  static inResult(set: InSetOfKey, operand: SqlValue, negated: boolean): SqlValue {
    let result: boolean | null;
    if (set.count === 0) result = false;
    else if (operand === null) result = null;
    else if (set.values.has(hashKey(operand))) result = true;
    else result = set.hasNull ? null : false;
    return negated && result !== null ? !result : result;
  }

  /** Runs the pair pass: `owner[p]` is the position (in `indexes`) of the record pair p belongs to. */
  private evaluatePairs(batch: RecordBatch, indexes: readonly number[], buckets: readonly (readonly Row[])[]): { out: SelectionOutput; owner: number[] } {
    const rows: Row[] = [];
    const owner: number[] = [];
    const sourceIndex: number[] = [];
    indexes.forEach((i, j) => {
      const outer = batch.rows[i]!;
      for (const inner of buckets[j]!) {
        rows.push([...outer, ...inner]);
        owner.push(j);
        sourceIndex.push(i);
      }
    });
    const out = newSelectionOutput();
    // The pass reads rows positionally; the batch's schema is the record's (pairs never leave this class).
    if (rows.length > 0) this.pairs(batchFromSelection(batch, this.node.schema, rows, sourceIndex.map((i) => batch.eventTimes[i]!), sourceIndex), this.context, out);
    return { out, owner };
  }

  /** The rows the subquery's ORDER BY and LIMIT keep, in order (all of them, as they came, without either). */
  private limited(rows: readonly Row[]): readonly Row[] {
    const order = this.node.mode === 'exists' || this.node.aggregate ? undefined : this.node.order;
    const limit = this.node.aggregate ? undefined : this.node.limit;
    if (!order && limit === undefined) return rows;
    const sorted = order ? [...rows].sort((a, b) => this.compare(a, b, order)) : rows;
    return limit === undefined ? sorted : sorted.slice(0, limit);
  }

  private compare(a: Row, b: Row, order: NonNullable<PhysicalSubqueryLookup['order']>): number {
    for (let k = 0; k < order.length; k++) {
      const key = order[k]!;
      const x = (a[this.orderOffset + k] ?? null) as SqlValue;
      const y = (b[this.orderOffset + k] ?? null) as SqlValue;
      if (x === null || y === null) {
        if (x === y) continue;
        return (x === null) === key.nullsFirst ? -1 : 1;
      }
      const c = compareValues(x, y);
      if (c !== 0) return key.descending ? -c : c;
    }
    return 0;
  }

  /** The subquery's value from the pass's output rows for one record (the pairs whose residual held). */
  private fold(all: readonly Row[]): SqlValue {
    const rows = this.limited(all);
    switch (this.node.mode) {
      case 'exists':
        return rows.length > 0;
      case 'in':
      case 'any': {
        let sawNull = false;
        for (const row of rows) {
          if (row[0] === true) return this.node.negated ? false : true;
          if (row[0] === null) sawNull = true;
        }
        if (sawNull) return null;
        return this.node.negated;
      }
      case 'all': {
        let sawNull = false;
        for (const row of rows) {
          if (row[0] === false) return false;
          if (row[0] === null) sawNull = true;
        }
        return sawNull ? null : true;
      }
      case 'scalar':
        if (this.aggregateResult) return this.node.limit === 0 ? null : this.aggregate(rows);
        return this.single(rows);
    }
  }

  private single(rows: readonly Row[]): SqlValue {
    if (rows.length > 1) throw new VeloError(ErrorCodes.SQL_BIND, `a scalar subquery returned ${rows.length} rows for this record; it must return at most one`);
    return (rows[0]?.[0] ?? null) as SqlValue;
  }

  private aggregate(rows: readonly Row[]): SqlValue {
    const accumulators = this.aggregates.map((a) => a.create());
    for (const row of rows) {
      this.aggregates.forEach((layout, c) => {
        if (layout.filterIndex !== -1 && row[layout.filterIndex] !== true) return;
        for (let a = 0; a < layout.argCount; a++) layout.args[a] = (row[layout.firstArg + a] ?? null) as SqlValue;
        accumulators[c]!.add(layout.args);
      });
    }
    // The item reads `[_window_start, _window_end, agg…]` (an aggregate row without keys or window).
    const postRow: Row = [null, null, ...accumulators.map((a) => a.result())];
    const out = newSelectionOutput();
    this.aggregateResult!(createBatch(this.node.schema, [postRow]), this.context, out);
    if (out.failedIndex.length > 0) throw out.failedError[0];
    return (out.rows[0]?.[0] ?? null) as SqlValue;
  }
}
