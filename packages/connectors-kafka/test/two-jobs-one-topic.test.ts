import { kcatConsume, kcatProduce, startMockKafka, type MockKafka } from '@velots/kafka-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultGroupId } from '../src/source/create-kafka-source.js';
import { runApp } from './support/run-app.js';

describe('two jobs of one app reading one Kafka topic without group.id (Velostream demo app_price_analytics)', () => {
  let kafka: MockKafka;
  beforeAll(async () => {
    kafka = await startMockKafka({ topics: [{ name: 'ticks', partitions: 2 }, 'tick_copy', 'tick_counts'] });
  });
  afterAll(async () => {
    await kafka.stop();
  });

  it('gives each job its own consumer group, velo-<job>-<source>, so each reads every record', async () => {
    await kcatProduce(
      kafka.bootstrapServers,
      'ticks',
      ['AAPL', 'MSFT', 'AAPL', 'JPM', 'AAPL', 'MSFT'].map((symbol, i) => ({ key: symbol, value: `{"symbol":"${symbol}","price":${100 + i}}`, partition: i % 2 })),
    );
    const source = `'ticks.type' = 'kafka_source', 'ticks.bootstrap.servers' = '${kafka.bootstrapServers}'`;
    const run = await runApp(`
      CREATE STREAM tick_copy AS SELECT symbol, price FROM ticks
      WITH (${source}, 'tick_copy.type' = 'kafka_sink', 'tick_copy.bootstrap.servers' = '${kafka.bootstrapServers}');
      CREATE TABLE tick_counts AS SELECT symbol, COUNT(*) AS n FROM ticks GROUP BY symbol EMIT FINAL
      WITH (${source}, 'tick_counts.type' = 'kafka_sink', 'tick_counts.bootstrap.servers' = '${kafka.bootstrapServers}');`);
    expect(run.summary.error).toBeUndefined();
    expect(run.sources).toEqual([
      { name: 'ticks', records: 6, progress: { done: 6, total: 6, unit: 'offsets' } },
      { name: 'ticks', records: 6, progress: { done: 6, total: 6, unit: 'offsets' } },
    ]);
    const copied = (await kcatConsume(kafka.bootstrapServers, 'tick_copy')).map((m) => m.value);
    expect(copied.sort()).toEqual(['{"symbol":"AAPL","price":100}', '{"symbol":"AAPL","price":102}', '{"symbol":"AAPL","price":104}', '{"symbol":"JPM","price":103}', '{"symbol":"MSFT","price":101}', '{"symbol":"MSFT","price":105}']);
    const counts = (await kcatConsume(kafka.bootstrapServers, 'tick_counts')).map((m) => m.value);
    expect(counts.sort()).toEqual(['{"symbol":"AAPL","n":3}', '{"symbol":"JPM","n":1}', '{"symbol":"MSFT","n":2}']);
  });

  it('names the default group after the reading job and the source, or the source alone for an unnamed reader', () => {
    expect(defaultGroupId({ name: 'market_data_ts', readerJob: 'price_stats' })).toBe('velo-price_stats-market_data_ts');
    expect(defaultGroupId({ name: 'market_data_ts', readerJob: undefined })).toBe('velo-market_data_ts');
  });
});
