import { Schema, SqlTypes, createBatch } from '@velots/core';
import { describe, expect, it } from 'vitest';
import { createEngine, CollectingSink, type ResultRow } from '../../src/index.js';
import { StreamChannel } from '../../src/engine/stream-channel.js';

const schema = Schema.of(['k', SqlTypes.STRING], ['v', SqlTypes.BIGINT]);
const batchOf = (v: number) => createBatch(schema, [['a', v]]);

describe('StreamChannel', () => {
  it('queues without waiting until its consumer starts reading, then holds the producer at capacity', async () => {
    const channel = new StreamChannel('s', schema, 2);
    for (let v = 0; v < 5; v++) await channel.push(batchOf(v)); // no reader yet: never waits
    expect((await channel.next(10))?.batch.rows).toEqual([['a', 0]]);
    let pushed = false;
    const blocked = channel.push(batchOf(5)).then(() => (pushed = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(pushed).toBe(false); // 4 queued ≥ capacity 2 now that the consumer reads
    for (let v = 1; v <= 3; v++) expect((await channel.next(10))?.batch.rows).toEqual([['a', v]]);
    await blocked;
    expect(pushed).toBe(true);
  });

  it('lets a job join a table built from the stream it reads itself (no start-up deadlock)', async () => {
    const rows = Array.from({ length: 5_000 }, (_, i) => ({ k: `k${i % 7}`, v: i }));
    const sink = new CollectingSink({ name: 'results' });
    const engine = await createEngine({
      sql: `CREATE STREAM mid AS SELECT k, v FROM src WITH ('max_batch_size' = '10');
            SELECT COUNT(*) AS n FROM mid m JOIN (SELECT k, COUNT(*) AS c FROM mid GROUP BY k) t ON m.k = t.k EMIT FINAL WITH ('max_batch_size' = '10');`,
      sources: { src: rows },
      resultSink: () => sink,
      warn: () => undefined,
    });
    const summary = await engine.run();
    expect(summary.ok).toBe(true);
    expect(sink.rows as ResultRow[]).toEqual([{ n: 5_000 }]);
  });
});
