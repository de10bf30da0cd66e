import { createBatch, type Clock, type RecordBatch, type Row, type SqlValue } from '@velots/core';
import type { EvalContext, PhysicalSubqueryLookup } from '@velots/planner';
import { compileSelection, newEvalContext, newSelectionOutput, runSelection, type CompiledSelection } from '../compile/filter-project-compiler.js';
import { batchFromSelection } from '../operators/gather-metadata.js';
import type { Operator, RecordFailure } from '../operators/operator.js';
import { groupKeyOf } from '../windows/group-state.js';
import { joinKeysOf } from './join-keys.js';
import { SubqueryValues, type InSetOfKey } from './subquery-values.js';

const NO_ROWS: readonly Row[] = [];
// Lookup keys that no `groupKeyOf` result equals (those never start with a control character).
const ALL_ROWS = '\u0000all';
const NULL_KEY = '\u0000null';

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

  private readonly rows: readonly Row[];

  constructor(
    private readonly node: PhysicalSubqueryLookup,
    collected: readonly Row[],
    private readonly clock: Clock,
  ) {
    // A TABLE of the app arrives as its changelog: its state is the latest row per key.
    this.rows = node.tableKey && node.tableKey.length > 0 ? latestPerKey(collected, node.tableKey) : collected;
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
    const results = this.node.keyedOnly
      ? evaluated.indexes.map((i, j) => {
          try {
            return this.keyedValue(evaluated.keys?.[j], operands?.[i]?.[0] ?? null, batch, i);
          } catch (error) {
            failures.push({ batch, index: i, error });
            return undefined;
          }
        })
      : this.values.perRecord(batch, evaluated.indexes, evaluated.indexes.map((_, j) => this.bucketOf(this.keyOf(evaluated.keys?.[j]))), failures);
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

  /** A record's lookup key: ALL_ROWS without key equalities, NULL_KEY when a key is NULL (it matches nothing). */
  private keyOf(keys: Row | undefined): string {
    if (keys === undefined) return ALL_ROWS;
    if (keys.some((k) => k === null)) return NULL_KEY;
    return groupKeyOf(keys as SqlValue[]);
  }

  /** The subquery rows a lookup key selects. */
  private bucketOf(key: string): readonly Row[] {
    if (key === ALL_ROWS) return this.rows;
    return this.index.get(key) ?? NO_ROWS;
  }

  /** The value of a subquery that depends on the keys alone, computed on the first record with those keys. */
  private keyedValue(keys: Row | undefined, operand: SqlValue, batch: RecordBatch, index: number): SqlValue {
    const key = this.keyOf(keys);
    let cached = this.perKey.get(key);
    if (cached === undefined) {
      cached = this.values.ofKey(batch, index, this.bucketOf(key));
      this.perKey.set(key, cached);
    }
    return this.node.mode === 'in' ? SubqueryValues.inResult(cached as InSetOfKey, operand, this.node.negated) : (cached as SqlValue);
  }
}

/** The latest row per key (key columns at `keyIndexes`), in first-seen key order. */
function latestPerKey(rows: readonly Row[], keyIndexes: readonly number[]): Row[] {
  const latest = new Map<string, Row>();
  for (const row of rows) latest.set(groupKeyOf(keyIndexes.map((i) => (row[i] ?? null) as SqlValue)), row);
  return [...latest.values()];
}
