import type { Row, SqlValue } from '@velots/core';
import { hashKey, type Accumulator } from '@velots/planner';

/** The running aggregates of one group (in one window). */
export interface GroupState {
  readonly keyValues: readonly SqlValue[];
  readonly accumulators: Accumulator[];
  /** Latest event time added (the output event time of an unwindowed group row). */
  maxEventTime: number;
}

/** A canonical string for a group key, equal for equal values (`1.1` = `1.10`, NULL = NULL). */
export function groupKeyOf(values: readonly SqlValue[]): string {
  if (values.length === 1) {
    const key = hashKey(values[0] ?? null);
    return typeof key === 'string' ? `s${key}` : String(key);
  }
  return JSON.stringify(values.map((v) => {
    const key = hashKey(v);
    return typeof key === 'string' ? `s${key}` : key;
  }));
}

/** The post-aggregation row: `[keys…, _window_start, _window_end, results…]`. */
export function aggregateRow(state: GroupState, windowStart: number | null, windowEnd: number | null): Row {
  const row: Row = [...state.keyValues, windowStart, windowEnd];
  for (const accumulator of state.accumulators) row.push(accumulator.result());
  return row;
}
