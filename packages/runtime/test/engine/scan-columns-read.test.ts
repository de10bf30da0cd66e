import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/index.js';
import { scanColumnsRead } from '../../src/engine/scan-columns-read.js';

/** The source columns the job of `sql` (over a nexmark bid stream) reads, as scanColumnsRead sees them. */
async function columnsOf(sql: string, extra = ''): Promise<number[] | undefined> {
  const engine = await createEngine({
    sql: `${sql} WITH ('bid.type' = 'nexmark', 'bid.table' = 'bid', 'bid.events' = '100', 'out.type' = 'file_sink', 'out.path' = '/tmp/unused.jsonl'${extra})`,
    warn: () => undefined,
  });
  try {
    const read = scanColumnsRead(engine.jobPlans[0]!);
    return read === undefined ? undefined : [...read].sort((a, b) => a - b);
  } finally {
    await engine.close();
  }
}

// bid columns: 0 auction, 1 bidder, 2 price, 3 channel, 4 url, 5 date_time, 6 extra
describe('scanColumnsRead', () => {
  it('names the columns a filter and its projection read', async () => {
    expect(await columnsOf('CREATE STREAM out AS SELECT auction, price FROM bid WHERE MOD(auction, 123) = 0')).toEqual([0, 2]);
    expect(await columnsOf("CREATE STREAM out AS SELECT auction, SPLIT_PART(url, '/', 4) AS dir FROM bid")).toEqual([0, 4]);
  });

  it('names the keys, arguments and window time column of an aggregate', async () => {
    expect(await columnsOf('CREATE STREAM out AS SELECT auction, COUNT(*) AS n, MAX(price) AS top FROM bid GROUP BY auction WINDOW TUMBLING(date_time, 10s)')).toEqual([0, 2, 5]);
  });

  it('gives nothing when whole rows go on, or a bad row would be dead-lettered with every column', async () => {
    expect(await columnsOf('CREATE STREAM out AS SELECT * FROM bid')).toBeUndefined();
    expect(await columnsOf('CREATE STREAM out AS SELECT auction FROM bid', ", 'failure_strategy' = 'SendToDLQ', 'dead.letter.queue.sink' = 'dlq', 'dlq.type' = 'file_sink', 'dlq.path' = '/tmp/unused-dlq.jsonl'")).toBeUndefined();
    expect(await columnsOf('CREATE STREAM out AS SELECT auction, ROW_NUMBER() OVER (PARTITION BY auction ORDER BY price) AS r FROM bid')).toBeUndefined();
  });
});
