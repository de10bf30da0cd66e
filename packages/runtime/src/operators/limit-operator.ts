import type { RecordBatch, StateValue } from '@velots/core';
import type { Operator, RecordFailure } from './operator.js';

/** LIMIT n: passes the first n records through, then nothing; tells the job it is finished. */
export class LimitOperator implements Operator {
  readonly name = 'Limit';
  private remaining: number;

  constructor(count: number) {
    this.remaining = count;
  }

  get finished(): boolean {
    return this.remaining <= 0;
  }

  /** How many records may still pass (LIMIT n less the records emitted so far). */
  snapshot(): StateValue {
    return this.remaining;
  }

  restore(state: StateValue): void {
    this.remaining = state as number;
  }

  process(batch: RecordBatch, _failures: RecordFailure[]): RecordBatch {
    const n = batch.rows.length;
    if (n <= this.remaining) {
      this.remaining -= n;
      return batch;
    }
    const keep = this.remaining;
    this.remaining = 0;
    const cut = <T>(values: readonly T[] | undefined): T[] | undefined => values?.slice(0, keep);
    return {
      ...batch,
      rows: batch.rows.slice(0, keep),
      eventTimes: batch.eventTimes.slice(0, keep),
      timestamps: cut(batch.timestamps),
      keys: cut(batch.keys),
      headers: cut(batch.headers),
      partitions: cut(batch.partitions),
      offsets: cut(batch.offsets),
    };
  }
}
