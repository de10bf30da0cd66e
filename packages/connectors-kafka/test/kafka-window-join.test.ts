import { kcatConsume, kcatProduce, startMockKafka, type MockKafka } from '@velots/kafka-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runApp } from './support/run-app.js';

const T0 = 1_700_000_040_000; // a minute boundary

describe('Kafka → Kafka windows and joins (JSON)', () => {
  let kafka: MockKafka;
  beforeAll(async () => {
    kafka = await startMockKafka({
      topics: [
        { name: 'ticks', partitions: 2 },
        { name: 'bars', partitions: 1 },
        { name: 'orders', partitions: 2 },
        { name: 'instruments', partitions: 1 },
        { name: 'enriched', partitions: 1 },
      ],
    });
  });
  afterAll(async () => {
    await kafka.stop();
  });

  it('closes every tumbling window at the end of a bounded run, one message per window and key', async () => {
    const ticks = [
      ['AAPL', 0, 10, '1.50'],
      ['MSFT', 5_000, 20, '2.25'],
      ['AAPL', 30_000, 30, '1.75'],
      ['AAPL', 61_000, 5, '2.00'],
      ['MSFT', 62_000, 1, '3.00'],
      ['MSFT', 119_999, 4, '1.00'],
    ] as const;
    await kcatProduce(
      kafka.bootstrapServers,
      'ticks',
      ticks.map(([symbol, at, qty, price], i) => ({ key: symbol, partition: i % 2, value: `{"symbol":"${symbol}","ts":${T0 + at},"qty":${qty},"price":${price}}` })),
    );
    const run = await runApp(`
      CREATE STREAM bars AS
      SELECT symbol, COUNT(*) AS n, SUM(qty) AS qty, SUM(price * qty) AS notional, _window_start AS ws
      FROM ticks
      GROUP BY symbol
      WINDOW TUMBLING(INTERVAL '1' MINUTE)
      EMIT FINAL
      WITH (
        'ticks.type' = 'kafka_source', 'ticks.bootstrap.servers' = '${kafka.bootstrapServers}', 'ticks.group.id' = 'bars',
        'ticks.event.time.field' = 'ts',
        'bars.type' = 'kafka_sink', 'bars.bootstrap.servers' = '${kafka.bootstrapServers}'
      );`);
    expect(run.summary.error).toBeUndefined();
    const out = (await kcatConsume(kafka.bootstrapServers, 'bars')).map((m) => [m.key, m.value, m.timestamp]);
    expect(out.sort((a, b) => String(a[1]).localeCompare(String(b[1])))).toEqual([
      ['AAPL', `{"symbol":"AAPL","n":1,"qty":5,"notional":10.00,"ws":${T0 + 60_000}}`, T0 + 120_000],
      ['AAPL', `{"symbol":"AAPL","n":2,"qty":40,"notional":67.50,"ws":${T0}}`, T0 + 60_000],
      ['MSFT', `{"symbol":"MSFT","n":1,"qty":20,"notional":45.00,"ws":${T0}}`, T0 + 60_000],
      ['MSFT', `{"symbol":"MSFT","n":2,"qty":5,"notional":7.00,"ws":${T0 + 60_000}}`, T0 + 120_000],
    ]);
  });

  it('joins a stream topic with a table topic loaded whole before the stream starts', async () => {
    await kcatProduce(kafka.bootstrapServers, 'instruments', [
      { key: 'AAPL', value: '{"symbol":"AAPL","name":"Apple","lot":100}' },
      { key: 'MSFT', value: '{"symbol":"MSFT","name":"Microsoft","lot":50}' },
      { key: 'MSFT', value: '{"symbol":"MSFT","name":"Microsoft Corp","lot":10}' },
    ]);
    await kcatProduce(kafka.bootstrapServers, 'orders', [
      { partition: 0, value: '{"order_id":1,"symbol":"AAPL","lots":2}' },
      { partition: 1, value: '{"order_id":2,"symbol":"MSFT","lots":3}' },
      { partition: 0, value: '{"order_id":3,"symbol":"TSLA","lots":1}' },
      { partition: 1, value: '{"order_id":4,"symbol":"AAPL","lots":1}' },
    ]);
    const run = await runApp(`
      CREATE TABLE instruments (symbol STRING PRIMARY KEY, name STRING, lot BIGINT)
      WITH ('type' = 'kafka_source', 'bootstrap.servers' = '${kafka.bootstrapServers}', 'group.id' = 'instruments-loader');

      CREATE STREAM enriched AS
      SELECT o.order_id, o.symbol, i.name, o.lots * i.lot AS shares
      FROM orders o LEFT JOIN instruments i ON o.symbol = i.symbol
      WITH (
        'orders.type' = 'kafka_source', 'orders.bootstrap.servers' = '${kafka.bootstrapServers}', 'orders.group.id' = 'enricher',
        'enriched.type' = 'kafka_sink', 'enriched.bootstrap.servers' = '${kafka.bootstrapServers}', 'enriched.key.field' = 'order_id'
      );`);
    expect(run.summary.error).toBeUndefined();
    const out = (await kcatConsume(kafka.bootstrapServers, 'enriched')).map((m) => [m.key, m.value]);
    expect(out.sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual([
      ['1', '{"order_id":1,"symbol":"AAPL","name":"Apple","shares":200}'],
      ['2', '{"order_id":2,"symbol":"MSFT","name":"Microsoft Corp","shares":30}'],
      ['3', '{"order_id":3,"symbol":"TSLA","name":null,"shares":null}'],
      ['4', '{"order_id":4,"symbol":"AAPL","name":"Apple","shares":100}'],
    ]);
  });
});
