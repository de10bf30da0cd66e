import { describe, expect, it } from 'vitest';
import { query, type ResultRow } from '../../src/index.js';
import { atEveryBatchSize } from '../batch-sizes.js';

const orders = [
  { id: 1, sku: 'a', ts: 0 },
  { id: 2, sku: 'b', ts: 10_000 },
  { id: 3, sku: 'a', ts: 100_000 },
  { id: 4, sku: 'c', ts: 200_000 },
];
const shipments = [
  { sid: 10, sku: 'a', ts: 5_000 },
  { sid: 11, sku: 'b', ts: 50_000 },
  { sid: 12, sku: 'a', ts: 104_000 },
  { sid: 13, sku: 'z', ts: 300_000 },
];

/** Both inputs become streams of the app (CREATE STREAM … AS), so the JOIN is stream–stream. */
async function rows(join: string): Promise<ResultRow[]> {
  const sql = `CREATE STREAM o AS SELECT id, sku, ts AS _event_time, ts FROM orders;
               CREATE STREAM s AS SELECT sid, sku, ts AS _event_time, ts FROM shipments;
               ${join};`;
  return atEveryBatchSize(async (batchSize) => {
    const out: ResultRow[] = [];
    for await (const row of query(sql, { sources: { orders, shipments }, warn: () => undefined, batchSize })) out.push(row);
    return out.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  });
}

describe('stream–stream interval JOIN', () => {
  it('matches rows with equal keys whose event times are WITHIN the bound', async () => {
    expect(await rows('SELECT o.id, s.sid FROM o JOIN s ON o.sku = s.sku WITHIN 10s')).toEqual([
      { id: 1, sid: 10 },
      { id: 3, sid: 12 },
    ]);
  });

  it('honours asymmetric BETWEEN bounds on the two time columns', async () => {
    expect(await rows("SELECT o.id, s.sid FROM o JOIN s ON o.sku = s.sku AND s.ts BETWEEN o.ts AND o.ts + INTERVAL '60' SECOND")).toEqual([
      { id: 1, sid: 10 },
      { id: 2, sid: 11 },
      { id: 3, sid: 12 },
    ]);
  });

  it('emits unmatched rows NULL-padded for LEFT, RIGHT and FULL joins', async () => {
    expect(await rows('SELECT o.id, s.sid FROM o LEFT JOIN s ON o.sku = s.sku WITHIN 10s')).toEqual([
      { id: 1, sid: 10 },
      { id: 2, sid: null },
      { id: 3, sid: 12 },
      { id: 4, sid: null },
    ]);
    expect(await rows('SELECT o.id, s.sid FROM o FULL OUTER JOIN s ON o.sku = s.sku WITHIN 10s')).toEqual([
      { id: 1, sid: 10 },
      { id: 2, sid: null },
      { id: 3, sid: 12 },
      { id: 4, sid: null },
      { id: null, sid: 11 },
      { id: null, sid: 13 },
    ]);
  });
});
