import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { NEXMARK_SCHEMAS, createSource, nexmarkEventId, nexmarkTableCount } from '../../src/connectors/index.js';
import { readAll } from './harness.js';

const nexmark = (table: string, events: number, extra: Record<string, string> = {}) =>
  createSource('nexmark', { name: table, properties: { table, events: String(events), ...extra }, baseDir: '/' }).connector;

describe('nexmark source', () => {
  it('numbers events 1 person : 3 auctions : 46 bids out of every 50, as the reference generator does', () => {
    expect([0, 1, 2].map((n) => nexmarkEventId('person', n))).toEqual([0, 50, 100]);
    expect([0, 1, 2, 3].map((n) => nexmarkEventId('auction', n))).toEqual([1, 2, 3, 51]);
    expect([0, 45, 46].map((n) => nexmarkEventId('bid', n))).toEqual([4, 49, 54]);
    expect(['person', 'auction', 'bid'].map((t) => nexmarkTableCount(t as 'bid', 103))).toEqual([3, 8, 92]); // events 0, 50, 100; 1-3, 51-53, 101-102; the rest
  });

  it('reads each table with its schema, ids from 1000 and event times from 2024-01-01 at 10 000 events/s', async () => {
    const persons = await readAll(nexmark('person', 150));
    expect(persons.schema).toBe(NEXMARK_SCHEMAS.person);
    expect(persons.rows.map((r) => [r[0], r[6]])).toEqual([
      [1000, Date.UTC(2024, 0, 1)],
      [1001, Date.UTC(2024, 0, 1) + 5],
      [1002, Date.UTC(2024, 0, 1) + 10],
    ]);
    const auctions = await readAll(nexmark('auction', 100));
    expect(auctions.rows.map((r) => r[0])).toEqual([1000, 1001, 1002, 1003, 1004, 1005]);
    for (const row of auctions.rows) {
      expect(row[4] as number).toBeGreaterThan(row[3] as number); // reserve above the initial bid
      expect(row[6] as number).toBeGreaterThan(row[5] as number); // expires after it opens
      expect(row[8] as number).toBeGreaterThanOrEqual(10);
      expect(row[8] as number).toBeLessThanOrEqual(14);
    }
  });

  it('sends about half the bids to hot auctions and three quarters to hot bidders, only to people and auctions that exist', async () => {
    const events = 50_000;
    const bids = (await readAll(nexmark('bid', events))).rows;
    expect(bids.length).toBe(46_000);
    const people = nexmarkTableCount('person', events);
    const auctions = nexmarkTableCount('auction', events);
    const hotAuction = bids.filter((r) => ((r[0] as number) - 1000) % 100 === 0).length / bids.length;
    const hotBidder = bids.filter((r) => ((r[1] as number) - 1000) % 100 === 1).length / bids.length;
    expect(hotAuction).toBeGreaterThan(0.45);
    expect(hotAuction).toBeLessThan(0.6);
    expect(hotBidder).toBeGreaterThan(0.7);
    expect(hotBidder).toBeLessThan(0.8);
    for (const row of bids) {
      expect(row[0] as number).toBeLessThan(1000 + auctions);
      expect(row[1] as number).toBeLessThan(1000 + people + 1);
      expect(row[3]).toMatch(/^(Google|Facebook|Baidu|Apple)$/);
    }
  });

  it('gives the same rows whatever the batch size, and resumes at a record without replaying', async () => {
    const whole = await readAll(nexmark('bid', 2000));
    const ones = await readAll(nexmark('bid', 2000), { maxRecords: 1 });
    const sevens = await readAll(nexmark('bid', 2000, { 'batch.size': '7' }));
    expect(ones.rows).toEqual(whole.rows);
    expect(sevens.rows).toEqual(whole.rows);
    expect(sevens.batches[0]?.batch.rows.length).toBe(7);
    const resumed = await readAll(nexmark('bid', 2000), { resumeFrom: { record: 1500 } });
    expect(resumed.rows).toEqual(whole.rows.slice(1500));
    const otherSeed = await readAll(nexmark('bid', 2000, { seed: '8' }));
    expect(otherSeed.rows).not.toEqual(whole.rows);
  });

  it('makes exactly the rows it always made (generation is pinned: benchmarks compare runs and DuckDB dumps)', async () => {
    const digests: Record<string, string> = {};
    for (const table of ['person', 'auction', 'bid']) {
      const hash = createHash('sha256');
      const read = await readAll(nexmark(table, 20_000), { maxRecords: 1000 });
      for (const { batch } of read.batches) {
        for (let i = 0; i < batch.rows.length; i++) {
          hash.update(`${JSON.stringify(batch.rows[i])}|${batch.eventTimes[i]}\n`);
          expect((batch.timestamps ?? batch.eventTimes)[i]).toBe(batch.eventTimes[i]);
        }
      }
      digests[table] = hash.digest('hex');
    }
    expect(digests).toEqual({
      person: 'f521cba80de89aaa9666b062621bd2dd72c6b3e19ffd429b714443a83604f4b7',
      auction: '070e3319306648b17b229939c502dc64e8196e8954cfe6555a6b9bc85d8b3631',
      bid: 'bc646777b92e62fc46cd55c300e1ce14d665196a752574f1bc4b589a07641601',
    });
  });

  it('leaves the string columns a job does not read NULL, every value it reads unchanged', async () => {
    const cases: [string, number[], number[]][] = [
      ['bid', [0, 2, 5], [4, 6]], // url and extra
      ['person', [0, 6], [1, 2, 3, 7]], // name, email, credit card, extra
      ['auction', [0, 8], [1, 2, 9]], // item name, description, extra
    ];
    for (const [table, read, nulled] of cases) {
      const whole = await readAll(nexmark(table, 3000));
      const source = nexmark(table, 3000);
      source.readColumns?.(new Set(read));
      const some = await readAll(source);
      expect(some.rows).toEqual(whole.rows.map((row) => row.map((value, i) => (nulled.includes(i) ? null : value))));
    }
  });

  it('is unbounded without events, and rejects an unknown table', async () => {
    expect(nexmark('bid', 1).bounded).toBe(true);
    expect(createSource('nexmark', { name: 'b', properties: { table: 'bid' }, baseDir: '/' }).connector.bounded).toBe(false);
    expect(() => createSource('nexmark', { name: 'b', properties: { table: 'bids' }, baseDir: '/' })).toThrow(/table/);
  });
});
