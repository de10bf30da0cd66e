import type { SqlValue } from '@velots/core';
import { hashKey } from '@velots/planner';

/**
 * The running aggregates of one group (in one window): an instance of the query's compiled group-state class
 * (group-state-compiler.ts), whose other fields only AggregateInputs reads.
 */
export interface GroupState {
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
