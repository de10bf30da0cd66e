import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

describe('a JOIN of two files whose ON bounds their time columns', () => {
  const temperature = [
    'device_id,celsius,ts',
    'd1,20.5,2024-01-01T00:00:00',
    'd2,18.0,2024-01-01T00:00:03',
    'd1,21.0,2024-01-01T00:00:10',
    'd1,20.8,2024-01-01T00:00:07',
    'd2,18.5,2024-01-01T00:00:30',
    'd1,22.0,2024-01-01T00:01:00',
  ].join('\n');
  const humidity = [
    'device_id,percent,ts',
    'd1,40,2024-01-01T00:00:02',
    'd2,55,2024-01-01T00:00:01',
    'd1,42,2024-01-01T00:00:12',
    'd1,41,2024-01-01T00:00:09',
    'd2,57,2024-01-01T00:00:40',
    'd1,45,2024-01-01T00:01:04',
  ].join('\n');

  async function sensorRows(joinType: string): Promise<ResultRow[]> {
    const dir = mkdtempSync(join(tmpdir(), 'velo-sensors-'));
    writeFileSync(join(dir, 'temperature.csv'), `${temperature}\n`);
    writeFileSync(join(dir, 'humidity.csv'), `${humidity}\n`);
    const sql = `SELECT t.device_id, t.celsius, h.percent FROM temperature t ${joinType} humidity h
                   ON t.device_id = h.device_id AND h.ts BETWEEN t.ts - INTERVAL '5' SECOND AND t.ts + INTERVAL '5' SECOND
                 WITH ('temperature.type' = 'file_source', 'temperature.path' = 'temperature.csv',
                       'humidity.type' = 'file_source', 'humidity.path' = 'humidity.csv')`;
    return atEveryBatchSize(async (batchSize) => {
      const out: ResultRow[] = [];
      for await (const row of query(sql, { sources: {}, baseDir: dir, warn: () => undefined, batchSize })) out.push(row);
      return out.map((r) => ({ ...r, celsius: String(r['celsius']), percent: r['percent'] === null ? null : String(r['percent']) })).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    });
  }

  it('pairs every reading with those of the same device within 5 s, rows out of order on both sides', async () => {
    expect(await sensorRows('JOIN')).toEqual([
      { device_id: 'd1', celsius: '20.5', percent: '40' },
      { device_id: 'd1', celsius: '20.8', percent: '40' },
      { device_id: 'd1', celsius: '20.8', percent: '41' },
      { device_id: 'd1', celsius: '20.8', percent: '42' },
      { device_id: 'd1', celsius: '21.0', percent: '41' },
      { device_id: 'd1', celsius: '21.0', percent: '42' },
      { device_id: 'd1', celsius: '22.0', percent: '45' },
      { device_id: 'd2', celsius: '18.0', percent: '55' },
    ]);
  });

  it('keeps an unmatched left reading NULL-padded in a LEFT JOIN', async () => {
    const rows = await sensorRows('LEFT JOIN');
    expect(rows).toHaveLength(9);
    expect(rows).toContainEqual({ device_id: 'd2', celsius: '18.5', percent: null });
  });
});
