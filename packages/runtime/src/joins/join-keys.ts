import type { RecordBatch, Row, SqlValue } from '@velots/core';
import { hashKey, type EvalContext } from '@velots/planner';
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

/** The Map key of the first `count` values of a key row (`[key 0, …, key n−1, extra…]`); undefined when one is NULL (it matches nothing). */
export function joinKeyFunction(count: number): (keyRow: Row) => unknown {
  if (count === 1) {
    return (keyRow) => {
      const value = keyRow[0];
      return value === null || value === undefined ? undefined : joinKeyOfValue(value as SqlValue);
    };
  }
  const positions = Array.from({ length: count }, (_, k) => k);
  return (keyRow) => {
    for (let k = 0; k < count; k++) if (keyRow[k] === null || keyRow[k] === undefined) return undefined;
    return compoundGroupKey(keyRow, positions);
  };
}
