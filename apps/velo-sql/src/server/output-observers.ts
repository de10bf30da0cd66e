import type { RecordBatch } from '@velots/core';
import type { StreamConsumer } from '@velots/runtime';

/** Hands a job's output to several in-process readers (its live table, its `@metric` recorders). */
export class FanOut implements StreamConsumer {
  constructor(private readonly consumers: readonly StreamConsumer[]) {}

  async push(batch: RecordBatch): Promise<void> {
    for (const consumer of this.consumers) await consumer.push(batch);
  }

  end(): void {
    for (const consumer of this.consumers) consumer.end();
  }

  fail(error: unknown): void {
    for (const consumer of this.consumers) consumer.fail(error);
  }
}

/** A reader that only calls `observe` per batch (metrics need nothing at the end). */
export function batchObserver(observe: (batch: RecordBatch) => void): StreamConsumer {
  return {
    push: async (batch) => observe(batch),
    end: () => undefined,
    fail: () => undefined,
  };
}
