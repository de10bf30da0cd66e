import type { RecordBatch, SqlValue, StateValue } from '@velots/core';
import { groupKeyOf } from '../windows/group-state.js';
import { selectRecords } from './select-records.js';
import type { Operator, RecordFailure } from './operator.js';

/** SELECT DISTINCT: passes each distinct row once; equality is by value (`1.1` = `1.10`, NULL = NULL). */
export class DistinctOperator implements Operator {
  readonly name = 'Distinct';
  readonly finished = false;
  private readonly seen = new Set<string>();

  stateEntries(): number {
    return this.seen.size;
  }

  /** The canonical keys of the rows passed so far. */
  snapshot(): StateValue {
    return [...this.seen];
  }

  restore(state: StateValue): void {
    this.seen.clear();
    for (const key of state as readonly string[]) this.seen.add(key);
  }

  process(batch: RecordBatch, _failures: RecordFailure[]): RecordBatch {
    const keep: number[] = [];
    for (let i = 0; i < batch.rows.length; i++) {
      const key = groupKeyOf(batch.rows[i] as SqlValue[]);
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      keep.push(i);
    }
    return keep.length === batch.rows.length ? batch : selectRecords(batch, keep);
  }
}
