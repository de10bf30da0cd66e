import { describe, expect, it } from 'vitest';
import { ManualClock, formatSqlType } from '@velots/core';
import { GeneratorSource, createSource, parseFieldSpec } from '../../src/connectors/index.js';
import { plain, readAll } from './harness.js';

describe('generator source', () => {
  it('parses a field spec covering every scalar type', () => {
    const fields = parseFieldSpec(
      'symbol:string(AAPL|MSFT), price:decimal(10,2)[1..500], qty:bigint[1..1000], n:integer, x:double[0..1], ok:boolean, ' +
        'day:date, ts:timestamp, gap:interval[0..1000], raw:bytes[2..2], id:sequence',
      "source 'g'",
    );
    expect(fields.map((f) => `${f.name} ${formatSqlType(f.type)} ${f.mode}`)).toEqual([
      'symbol STRING random',
      'price DECIMAL(10,2) random',
      'qty BIGINT random',
      'n INTEGER random',
      'x DOUBLE random',
      'ok BOOLEAN random',
      'day DATE random',
      'ts TIMESTAMP event_time',
      'gap INTERVAL random',
      'raw BYTES random',
      'id BIGINT sequence',
    ]);
    expect(() => parseFieldSpec('a:money', "source 'g'")).toThrow("source 'g': field spec 'a:money' has an unknown type 'money'");
  });

  it('is deterministic for a seed, bounded by count, and steps event time', async () => {
    const props = { count: '5', seed: '7', fields: 'id:sequence, sym:string(A|B|C), price:decimal(6,2)[1..2], ts:timestamp', 'event.time.start': '1000', 'event.time.step': '10' };
    const a = await readAll(createSource('generator', { name: 'g', properties: props, baseDir: '/' }).connector, { maxRecords: 2 });
    const b = await readAll(createSource('generator', { name: 'g', properties: props, baseDir: '/' }).connector);
    expect(plain(a.rows)).toEqual(plain(b.rows));
    expect(a.rows.map((r) => [r[0], r[3]])).toEqual([
      [0, 1000],
      [1, 1010],
      [2, 1020],
      [3, 1030],
      [4, 1040],
    ]);
    expect(a.batches.map((x) => x.batch.rows.length)).toEqual([2, 2, 1]);
    for (const row of a.rows) {
      expect(['A', 'B', 'C']).toContain(row[1]);
      const price = Number((row[2] as { toString(): string }).toString());
      expect(price >= 1 && price <= 2).toBe(true);
      expect((row[2] as { scale: number }).scale).toBe(2);
    }
  });

  it('has a trades demo schema and a programmatic constructor', async () => {
    const source = new GeneratorSource({ name: 'trades', count: 3, seed: 1, eventTimeStart: 0 });
    const { schema, rows } = await readAll(source, { clock: new ManualClock(0) });
    expect(schema.toString()).toBe('(symbol STRING, price DECIMAL(10,2), quantity BIGINT, side STRING, ts TIMESTAMP)');
    expect(rows.map((r) => r[4])).toEqual([0, 1, 2]);
  });
});
