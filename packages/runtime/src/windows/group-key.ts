import type { Row, SqlValue } from '@velots/core';
import { hashKey } from '@velots/planner';

/**
 * How a group is found from a feature row. One key column: the value itself is the Map key (no string is built
 * per record): a number, string, boolean or NULL already compares by SQL equality under the Map's SameValueZero
 * (−0 = 0, and one column holds one type), while bigints, decimals and bytes go through `hashKey`, so 5n = 5 and
 * 1.1 = 1.10. Several key columns: one canonical string, as `groupKeyOf`, read straight from the row.
 */
export type GroupKeyOf = (features: Row) => unknown;

/** The Map key of one key value. */
export function singleGroupKey(value: SqlValue | undefined): unknown {
  if (value === undefined) return null;
  const type = typeof value;
  return type === 'number' || type === 'string' || type === 'boolean' || value === null ? value : hashKey(value);
}

/** The canonical string of several key values at `positions` (strings quoted, so no two keys collide). */
export function compoundGroupKey(features: Row, positions: readonly number[]): string {
  let key = '';
  for (let i = 0; i < positions.length; i++) {
    const h = hashKey((features[positions[i]!] ?? null) as SqlValue);
    key += typeof h === 'string' ? JSON.stringify(h) : String(h);
    key += ',';
  }
  return key;
}

/** The key function for groups keyed by the values at `positions`. */
export function groupKeyFunction(positions: readonly number[]): GroupKeyOf {
  if (positions.length === 0) return () => null;
  if (positions.length === 1) {
    const p = positions[0]!;
    return (features) => singleGroupKey(features[p] as SqlValue | undefined);
  }
  return (features) => compoundGroupKey(features, positions);
}
