import { createBatch, type Clock, type RecordBatch, type Row, type SqlValue } from '@velots/core';
import type { EvalContext, PhysicalSubqueryLookup } from '@velots/planner';
import { compileSelection, newEvalContext, newSelectionOutput, runSelection, type CompiledSelection } from '../compile/filter-project-compiler.js';
import { batchFromSelection } from '../operators/gather-metadata.js';
import type { Operator, RecordFailure } from '../operators/operator.js';
import { groupKeyOf } from '../windows/group-state.js';
import { joinKeysOf } from './join-keys.js';
import { SubqueryValues, type InSetOfKey } from './subquery-values.js';

const NO_ROWS: readonly Row[] = [];

/**
 * A correlated subquery over a TABLE, decorrelated (dialect §6): the subquery's rows are indexed once by
 * its WHERE equalities with the enclosing row; each record looks up its bucket, keeps the rows whose
 * residual is TRUE, and gets the subquery's value appended. When the value depends on the keys alone it is
 * computed once per key (a semi/anti lookup for EXISTS and IN, a grouped aggregate for a scalar).
 */
export class SubqueryLookupOperator implements Operator {
  readonly name = 'SubqueryLookup';
  readonly finished = false;
  private readonly outerKeys: CompiledSelection | undefined;
  private readonly operand: CompiledSelection | undefined;
  private readonly index = new Map<string, Row[]>();
  private readonly perKey = new Map<string, SqlValue | InSetOfKey>();
  private readonly values: SubqueryValues;
  private readonly context: EvalContext = newEvalContext();

  constructor(
    private readonly node: PhysicalSubqueryLookup,
    private readonly rows: readonly Row[],
    private readonly clock: Clock,
  ) {
    const keyColumns = (exprs: PhysicalSubqueryLookup['outerKeys']) => exprs.map((expr, i) => ({ name: `k${i}`, expr }));
    this.outerKeys = node.outerKeys.length > 0 ? compileSelection({ predicate: undefined, columns: keyColumns(node.outerKeys), eventTime: undefined }).run : undefined;
    this.operand = node.operand ? compileSelection({ predicate: undefined, columns: [{ name: 'operand', expr: node.operand }], eventTime: undefined }).run : undefined;
    this.values = new SubqueryValues(node, this.context);
    if (node.innerKeys.length > 0) this.buildIndex(compileSelection({ predicate: undefined, columns: keyColumns(node.innerKeys), eventTime: undefined }).run);
  }

  private buildIndex(innerKeys: CompiledSelection): void {
    const out = newSelectionOutput();
    innerKeys(createBatch(this.node.innerSchema, this.rows as Row[]), this.context, out);
    out.rows.forEach((keys, j) => {
      if (keys.some((k) => k === null)) return;
      const key = groupKeyOf(keys as SqlValue[]);
      const row = this.rows[out.sourceIndex[j]!]!;
      const bucket = this.index.get(key);
      if (bucket) bucket.push(row);
      else this.index.set(key, [row]);
    });
  }

  process(batch: RecordBatch, failures: RecordFailure[]): RecordBatch {
    this.context.now = this.clock.now();
    const evaluated = joinKeysOf(this.outerKeys, batch, this.context, failures);
    const operands = this.operand ? runSelection(this.operand, batch, this.context, []).rows : undefined;
    const buckets = evaluated.indexes.map((_, j) => this.bucketOf(evaluated.keys?.[j]));
    const results = this.node.keyedOnly
      ? evaluated.indexes.map((i, j) => {
          try {
            return this.keyedValue(evaluated.keys?.[j], buckets[j]!, operands?.[i]?.[0] ?? null, batch, i);
          } catch (error) {
            failures.push({ batch, index: i, error });
            return undefined;
          }
        })
      : this.values.perRecord(batch, evaluated.indexes, buckets, failures);
    const rows: Row[] = [];
    const sourceIndex: number[] = [];
    evaluated.indexes.forEach((i, j) => {
      const value = results[j];
      if (value === undefined) return; // the record failed: reported with its error
      rows.push([...batch.rows[i]!, value]);
      sourceIndex.push(i);
    });
    return batchFromSelection(batch, this.node.schema, rows, sourceIndex.map((i) => batch.eventTimes[i]!), sourceIndex);
  }

  finish(): RecordBatch | undefined {
    return undefined;
  }

  /** The subquery rows a record's keys select (all rows when the subquery has no key equalities; none for a NULL key). */
  private bucketOf(keys: Row | undefined): readonly Row[] {
    if (keys === undefined) return this.rows;
    if (keys.some((k) => k === null)) return NO_ROWS;
    return this.index.get(groupKeyOf(keys as SqlValue[])) ?? NO_ROWS;
  }

  /** The value of a subquery that depends on the keys alone, computed on the first record with those keys. */
  private keyedValue(keys: Row | undefined, bucket: readonly Row[], operand: SqlValue, batch: RecordBatch, index: number): SqlValue {
    const key = keys === undefined || keys.some((k) => k === null) ? '' : groupKeyOf(keys as SqlValue[]);
    let cached = this.perKey.get(key);
    if (cached === undefined) {
      cached = this.values.ofKey(batch, index, bucket);
      this.perKey.set(key, cached);
    }
    return this.node.mode === 'in' ? SubqueryValues.inResult(cached as InSetOfKey, operand, this.node.negated) : (cached as SqlValue);
  }
}
