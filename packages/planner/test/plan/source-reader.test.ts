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
});
