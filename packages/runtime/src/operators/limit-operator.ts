import type { RecordBatch, StateValue } from '@velots/core';
import type { Operator, RecordFailure } from './operator.js';

/** LIMIT n [OFFSET m]: drops the first m records, passes the next n through, then nothing; tells the job it is finished. */
export class LimitOperator implements Operator {
  readonly name = 'Limit';
  private remaining: number;
  private toSkip: number;

  constructor(count: number, offset = 0) {
    this.remaining = count;
    this.toSkip = offset;
  }

  get finished(): boolean {
    return this.remaining <= 0;
  }

  /** How many records may still pass (LIMIT n less the records emitted so far), and, while OFFSET still skips, how many it will. */
  snapshot(): StateValue {
    return this.toSkip === 0 ? this.remaining : [this.remaining, this.toSkip];
  }

  restore(state: StateValue): void {
    if (Array.isArray(state)) {
      this.remaining = state[0] as number;
      this.toSkip = state[1] as number;
    } else {
      this.remaining = state as number;
      this.toSkip = 0;
    }
  }

  process(batch: RecordBatch, _failures: RecordFailure[]): RecordBatch {
    const n = batch.rows.length;
    const skip = Math.min(this.toSkip, n);
    this.toSkip -= skip;
    if (skip === 0 && n <= this.remaining) {
      this.remaining -= n;
      return batch;
    }
    const keep = Math.min(this.remaining, n - skip);
    this.remaining -= keep;
    const cut = <T>(values: readonly T[] | undefined): T[] | undefined => values?.slice(skip, skip + keep);
    return {
      ...batch,
      rows: batch.rows.slice(skip, skip + keep),
      eventTimes: batch.eventTimes.slice(skip, skip + keep),
      timestamps: cut(batch.timestamps),
      keys: cut(batch.keys),
      headers: cut(batch.headers),
      partitions: cut(batch.partitions),
      offsets: cut(batch.offsets),
    };
  }
}
