import type { RecordBatch } from '@velots/core';
import type { StreamConsumer } from './job-runner.js';

/**
 * An in-process stream gathered whole (a CTAS table a join reads, a subquery's rows): batches are added
 * as the producing job pushes them, and `complete` resolves with the result when that job ends.
 */
export abstract class CollectedStream<T> implements StreamConsumer {
  private done: ((result: T) => void) | undefined;
  private failed: ((error: unknown) => void) | undefined;
  readonly complete: Promise<T>;

  constructor() {
    this.complete = new Promise<T>((resolve, reject) => {
      this.done = resolve;
      this.failed = reject;
    });
    // A consumer that never awaits must not turn a producer failure into an unhandled rejection.
    this.complete.catch(() => undefined);
  }

  /** Takes one batch in. */
  abstract add(batch: RecordBatch): void;

  /** What has been gathered so far. */
  abstract result(): T;

  async push(batch: RecordBatch): Promise<void> {
    this.add(batch);
  }

  end(): void {
    this.done?.(this.result());
  }

  fail(error: unknown): void {
    this.failed?.(error);
  }
}
