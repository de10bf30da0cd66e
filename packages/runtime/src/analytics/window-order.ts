import { isDecimalValue, type Row, type SqlValue } from '@velots/core';
import { compareValues, type SortKey } from '@velots/planner';

/**
 * The ORDER BY of one OVER (…), over feature rows: a comparator (NULLs last unless NULLS FIRST, as
 * SortOperator), peers (equal on every key), and the numeric position RANGE offsets measure.
 */
export class WindowOrder {
  readonly keyCount: number;
  private readonly descending: boolean[];
  private readonly nullsFirst: boolean[];

  constructor(
    keys: readonly SortKey[],
    private readonly start: number,
  ) {
    this.keyCount = keys.length;
    this.descending = keys.map((k) => k.descending);
    this.nullsFirst = keys.map((k) => k.nullsFirst);
  }

  /** Negative when `a` sorts before `b`, 0 for peers. */
  compare(a: Row, b: Row): number {
    for (let k = 0; k < this.keyCount; k++) {
      const x = (a[this.start + k] ?? null) as SqlValue;
      const y = (b[this.start + k] ?? null) as SqlValue;
      if (x === null || y === null) {
        if (x === y) continue;
        return (x === null) === this.nullsFirst[k] ? -1 : 1;
      }
      const order = compareValues(x, y);
      if (order !== 0) return this.descending[k] ? -order : order;
    }
    return 0;
  }

  /** The first ORDER BY value of a feature row (the one RANGE offsets apply to). */
  firstKey(row: Row): SqlValue {
    return (row[this.start] ?? null) as SqlValue;
  }

  /**
   * The first key as a number that grows along the sort order (negated for DESC), so RANGE bounds
   * are `position ± offset` whatever the direction. Timestamps are epoch ms, so offsets are ms.
   */
  position(value: SqlValue): number {
    const n = numericValue(value);
    return this.descending[0] ? -n : n;
  }
}

/** A number, bigint, DECIMAL or TIMESTAMP as a JS number (RANGE distances tolerate the rounding). */
function numericValue(value: SqlValue): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (isDecimalValue(value)) return Number(value.unscaled) / 10 ** value.scale;
  return Number.NaN;
}
