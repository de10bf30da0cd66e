import { ManualClock, Schema, SqlTypes, createBatch, type Schema as SchemaType, type Source, type SourceBatch } from '@velots/core';
import { describe, expect, it } from 'vitest';
import { CollectingSink, createEngine } from '../../src/index.js';

/** An endless source: hands out the batches pushed into it, and otherwise stays silent. */
class SilentAfterwardsSource implements Source {
  readonly name = 'ticks';
  readonly bounded = false;
  private readonly queued: SourceBatch[] = [];
  private waiting: ((read: SourceBatch | undefined) => void) | undefined;
  constructor(private readonly schema: SchemaType) {}
  async open(): Promise<SchemaType> {
    return this.schema;
  }
  push(rows: [string, number][]): void {
    const read = { batch: createBatch(this.schema, rows, rows.map((r) => r[1])), position: {} };
    if (this.waiting) {
      const wake = this.waiting;
      this.waiting = undefined;
      wake(read);
    } else this.queued.push(read);
  }
  end(): void {
    this.waiting?.(undefined);
  }
  next(): Promise<SourceBatch | undefined> {
    const read = this.queued.shift();
    return read ? Promise.resolve(read) : new Promise((resolve) => (this.waiting = resolve));
  }
  async commit(): Promise<void> {}
  async close(): Promise<void> {}
}

const until = async (condition: () => boolean): Promise<void> => {
  for (let i = 0; i < 100 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
};

describe('windows over a silent unbounded input', () => {
  it('close when processing time passes their end, without waiting for a later record', async () => {
    const clock = new ManualClock(1_000_000);
    const source = new SilentAfterwardsSource(Schema.of(['k', SqlTypes.STRING], ['ts', SqlTypes.BIGINT]));
    const sink = new CollectingSink({ name: 'out' });
    const engine = await createEngine({
      sql: `CREATE STREAM out AS SELECT k, COUNT(*) AS n, _window_start AS ws FROM ticks GROUP BY k WINDOW TUMBLING(ts, 1s)
            WITH ('watermark.strategy' = 'ascending');`,
      sources: { ticks: source },
      sinks: { out: sink },
      clock,
      warn: () => undefined,
    });
    const running = engine.run();
    source.push([
      ['a', 100],
      ['a', 900],
    ]);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(sink.rows).toEqual([]);
    clock.advance(1_000);
    await until(() => sink.rows.length > 0);
    expect(sink.rows).toEqual([{ k: 'a', n: 2, ws: 0 }]);
    source.end();
    expect((await running).ok).toBe(true);
  });
});
