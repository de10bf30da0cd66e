import type { RecordBatch, Row, SqlValue } from '@velots/core';
import { hashKey, type BoundExpr, type EvalContext } from '@velots/planner';
import { runSelection, type CompiledSelection } from '../compile/filter-project-compiler.js';
import type { RecordFailure } from '../operators/operator.js';
import { compoundGroupKey } from '../windows/group-key.js';

/** The records of `batch` whose key expressions evaluated (in order) with their keys; every record, unkeyed, when ON has no keys. */
export function joinKeysOf(
  compiled: CompiledSelection | undefined,
  batch: RecordBatch,
  ctx: EvalContext,
  failures: RecordFailure[],
): { indexes: readonly number[]; keys: readonly Row[] | undefined } {
  if (!compiled) return { indexes: batch.rows.map((_, i) => i), keys: undefined };
  const out = runSelection(compiled, batch, ctx, failures);
  return { indexes: out.sourceIndex, keys: out.rows };
}

/**
 * The Map key of one join key value, equal for values SQL finds equal (`5` = `5.00` = `5n`, `1.5` = `1.50`): a
 * string or a safe integer is its own key (no string built per record; ON compares a STRING only with a STRING, so
 * a raw string never meets another type's key), anything else its `hashKey`.
 */
export function joinKeyOfValue(value: SqlValue): unknown {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value + 0; // −0 is 0
  return hashKey(value);
}

/** The Map key of the values at `positions` of a row; undefined when one is NULL (it matches nothing). */
export function joinKeyFunction(positions: readonly number[]): (row: Row) => unknown {
  if (positions.length === 1) {
    const p = positions[0]!;
    return (row) => {
      const value = row[p];
      return value === null || value === undefined ? undefined : joinKeyOfValue(value as SqlValue);
    };
  }
  return (row) => {
    for (let k = 0; k < positions.length; k++) if (row[positions[k]!] === null || row[positions[k]!] === undefined) return undefined;
    return compoundGroupKey(row, positions);
  };
}

/** The first `count` positions: where a key row (`[key 0, …, key n−1, extra…]`) holds its keys. */
export function firstPositions(count: number): number[] {
  return Array.from({ length: count }, (_, k) => k);
}

/** The input columns the expressions read when each is a plain column (then no key row need be computed), else undefined. */
export function plainColumns(exprs: readonly BoundExpr[]): number[] | undefined {
  const positions: number[] = [];
  for (const expr of exprs) {
    if (expr.kind !== 'Column') return undefined;
    positions.push(expr.index);
  }
  return positions;
}
