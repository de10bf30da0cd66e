import { Decimal } from '@velots/decimal';
import { kcatConsume, type MockKafka } from '@velots/kafka-mock';
import type { SchemaRegistryFixture } from '@velots/schema-registry-fixture';
import { avroRegistryFormat } from '@velots/serde-avro';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consumeBinary, produceBinary } from './support/binary-messages.js';
import { registryClient, registryReader, registryWriter, startKafkaWithRegistry, stopKafkaWithRegistry } from './support/kafka-with-registry.js';
import { runApp } from './support/run-app.js';

const T0 = 1_700_000_040_000; // a minute boundary
const TRADE_SCHEMA = JSON.stringify({
  type: 'record',
  name: 'Trade',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'symbol', type: 'string' },
    { name: 'price', type: { type: 'bytes', logicalType: 'decimal', precision: 10, scale: 2 } },
    { name: 'qty', type: 'int' },
    { name: 'ts', type: { type: 'long', logicalType: 'timestamp-millis' } },
  ],
});

describe('Avro through the schema registry, Kafka → Kafka', () => {
  let kafka: MockKafka;
  let registry: SchemaRegistryFixture;
  beforeAll(async () => {
    [kafka, registry] = await startKafkaWithRegistry({ topics: [{ name: 'trades_avro', partitions: 2 }, 'bars_avro', 'trades_avro_dlq', 'quotes_avro', 'quotes_json'] });
  });
  afterAll(async () => {
    await stopKafkaWithRegistry(kafka, registry);
  });

  it('decodes Confluent-framed Avro, closes tumbling windows, registers the derived output schema under <topic>-value', async () => {
    const client = registryClient(registry);
    const writer = await registryWriter(client, 'trades_avro-value', avroRegistryFormat(TRADE_SCHEMA));
    const trades: [number, string, string, number, number][] = [
      [1, 'AAPL', '10.50', 2, T0],
      [2, 'MSFT', '20.00', 1, T0 + 10_000],
      [3, 'AAPL', '11.25', 4, T0 + 59_999],
      [4, 'AAPL', '12.00', 1, T0 + 60_000],
    ];
    const payloads = trades.map(([id, symbol, price, qty, ts]) => writer.encode([id, symbol, Decimal.parse(price), qty, ts]));
    const bad = new Uint8Array([1, 0, 0, 0, 1, 2, 3]);
    await produceBinary(kafka.brokers, 'trades_avro', [
      ...payloads.map((value, i) => ({ key: `k${i}`, value, partition: i % 2 })),
      { key: 'bad', value: bad, partition: 0 },
    ]);
    const run = await runApp(`
      CREATE STREAM bars_avro AS
      SELECT symbol, COUNT(*) AS n, SUM(price * qty) AS notional, _window_start AS ws
      FROM trades_avro
      GROUP BY symbol
      WINDOW TUMBLING(INTERVAL '1' MINUTE)
      WITH (
        'trades_avro.type' = 'kafka_source', 'trades_avro.bootstrap.servers' = '${kafka.bootstrapServers}',
        'trades_avro.group.id' = 'bars-avro', 'trades_avro.value.format' = 'avro',
        'trades_avro.schema.registry.url' = '${registry.url}', 'trades_avro.event.time.field' = 'ts',
        'bars_avro.type' = 'kafka_sink', 'bars_avro.bootstrap.servers' = '${kafka.bootstrapServers}',
        'bars_avro.value.format' = 'avro', 'bars_avro.schema.registry.url' = '${registry.url}',
        'failure_strategy' = 'dead_letter', 'dead.letter.queue.topic' = 'trades_avro_dlq'
      );`);
    expect(run.summary.error).toBeUndefined();
    const derived = await client.latest('bars_avro-value');
    expect(JSON.parse(derived?.schema ?? 'null')).toEqual({
      type: 'record',
      name: 'bars_avro',
      fields: [
        { name: 'symbol', type: ['null', 'string'], default: null },
        { name: 'n', type: ['null', 'long'], default: null },
        { name: 'notional', type: ['null', { type: 'bytes', logicalType: 'decimal', precision: 38, scale: 2 }], default: null },
        { name: 'ws', type: ['null', 'long'], default: null },
      ],
    });
    const reader = await registryReader(client, 'bars_avro-value', avroRegistryFormat());
    const out = await consumeBinary(kafka.brokers, 'bars_avro', 3);
    await reader.prepare(out.map((m) => m.value));
    const rows = out.map((m) => [m.key, ...reader.decode(m.value).map((v) => (v instanceof Decimal ? v.toString() : v))]);
    expect(rows.sort((a, b) => `${a[1]}${a[4]}`.localeCompare(`${b[1]}${b[4]}`))).toEqual([
      ['AAPL', 'AAPL', 2, '66.00', T0],
      ['AAPL', 'AAPL', 1, '12.00', T0 + 60_000],
      ['MSFT', 'MSFT', 1, '20.00', T0],
    ]);
    const dead = await kcatConsume(kafka.bootstrapServers, 'trades_avro_dlq');
    expect(dead.map((m) => [m.key, Object.fromEntries(m.headers)['velo.error.code'], Object.fromEntries(m.headers)['velo.source.offset']])).toEqual([['bad', 'SERDE_DECODE', '2']]);
    expect(Object.fromEntries(dead[0]?.headers ?? [])['velo.error.message']).toMatch(/magic byte/);
  });

  it('reads records written with an older and a newer schema into the latest one (an added field takes its default)', async () => {
    const client = registryClient(registry);
    const v1 = JSON.stringify({ type: 'record', name: 'Quote', fields: [{ name: 'id', type: 'long' }, { name: 'symbol', type: 'string' }] });
    const v2 = JSON.stringify({
      type: 'record',
      name: 'Quote',
      fields: [
        { name: 'id', type: 'long' },
        { name: 'symbol', type: 'string' },
        { name: 'venue', type: 'string', default: 'XNAS' },
      ],
    });
    const old = await registryWriter(client, 'quotes_avro-value', avroRegistryFormat(v1));
    const first = old.encode([1, 'AAPL']);
    const current = await registryWriter(client, 'quotes_avro-value', avroRegistryFormat(v2));
    await produceBinary(kafka.brokers, 'quotes_avro', [{ value: first }, { value: current.encode([2, 'VOD', 'XLON']) }]);
    const run = await runApp(`
      CREATE STREAM quotes_json AS SELECT id, symbol, venue FROM quotes_avro
      WITH (
        'quotes_avro.type' = 'kafka_source', 'quotes_avro.bootstrap.servers' = '${kafka.bootstrapServers}', 'quotes_avro.group.id' = 'quotes',
        'quotes_avro.value.format' = 'avro', 'quotes_avro.schema.registry.url' = '${registry.url}',
        'quotes_json.type' = 'kafka_sink', 'quotes_json.bootstrap.servers' = '${kafka.bootstrapServers}'
      );`);
    expect(run.summary.error).toBeUndefined();
    expect((await kcatConsume(kafka.bootstrapServers, 'quotes_json')).map((m) => m.value)).toEqual([
      '{"id":1,"symbol":"AAPL","venue":"XNAS"}',
      '{"id":2,"symbol":"VOD","venue":"XLON"}',
    ]);
  });
});
