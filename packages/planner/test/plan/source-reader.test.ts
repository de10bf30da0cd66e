import { Schema, SqlTypes } from '@velots/core';
import { describe, expect, it } from 'vitest';
import { planAppWith } from './plan-app.js';

const ticks = Schema.of(['symbol', SqlTypes.STRING], ['price', SqlTypes.DOUBLE]);

describe('the job that reads a source', () => {
  it('comes with each source request: the @name, the statement name, else the output; none for a bare SELECT', async () => {
    const source = `'ticks.type' = 'kafka_source'`;
    const { requests } = await planAppWith(
      `CREATE STREAM copies AS SELECT symbol FROM ticks WITH (${source}, 'copies.type' = 'kafka_sink');
       -- @name: stats
       CREATE TABLE counts AS SELECT symbol, COUNT(*) AS n FROM ticks GROUP BY symbol WITH (${source}, 'counts.type' = 'kafka_sink');
       SELECT price FROM ticks WITH (${source});`,
      { ticks },
    );
    expect(requests.map((r) => [r.name, r.readerJob])).toEqual([
      ['ticks', 'copies'],
      ['ticks', 'stats'],
      ['ticks', undefined],
    ]);
  });

  it('declares the schema of a stream an earlier job writes when a later job re-reads it through its connector', async () => {
    const { requests } = await planAppWith(
      `CREATE STREAM market_data_ts AS SELECT symbol PRIMARY KEY, price FROM ticks
       WITH ('ticks.type' = 'kafka_source', 'market_data_ts.type' = 'kafka_sink');
       CREATE STREAM copies AS SELECT symbol, price FROM market_data_ts
       WITH ('market_data_ts.type' = 'kafka_source', 'copies.type' = 'kafka_sink');`,
      { ticks, market_data_ts: ticks },
    );
    expect(requests.map((r) => [r.name, r.declaredSchema?.fields.map((f) => `${f.name} ${f.type.kind}`)])).toEqual([
      ['ticks', undefined],
      ['market_data_ts', ['symbol STRING', 'price DOUBLE']],
    ]);
  });
});
