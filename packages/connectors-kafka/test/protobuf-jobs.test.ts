import { kcatConsume, type MockKafka } from '@velots/kafka-mock';
import type { SchemaRegistryFixture } from '@velots/schema-registry-fixture';
import { createProtobufCodec, protobufRegistryFormat } from '@velots/serde-protobuf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consumeBinary, produceBinary } from './support/binary-messages.js';
import { registryClient, registryReader, startKafkaWithRegistry, stopKafkaWithRegistry } from './support/kafka-with-registry.js';
import { runApp } from './support/run-app.js';

const ORDER_PROTO = `
syntax = "proto3";
package shop;
message Order {
  int64 id = 1;
  string customer = 2;
  int32 qty = 3;
  repeated string tags = 4;
}
message Big {
  int64 id = 1;
  string customer = 2;
  int64 total = 3;
}`;

describe('Protobuf values, Kafka → Kafka', () => {
  let kafka: MockKafka;
  let registry: SchemaRegistryFixture;
  beforeAll(async () => {
    [kafka, registry] = await startKafkaWithRegistry({ topics: ['orders_pb', 'big_pb', 'big_json'] });
  });
  afterAll(async () => {
    await stopKafkaWithRegistry(kafka, registry);
  });

  it('reads bare Protobuf with the schema from the properties and writes Confluent-framed Protobuf and JSON', async () => {
    const input = createProtobufCodec({ schema: ORDER_PROTO, messageType: 'shop.Order' });
    await produceBinary(kafka.brokers, 'orders_pb', [
      { key: 'a', value: input.encode([1, 'ann', 5, ['x']]) },
      { key: 'b', value: input.encode([2, 'bob', 50, []]) },
      { key: 'c', value: input.encode([3, 'cy', 12, ['y', 'z']]) },
    ]);
    const source = (name: string): string => `
        '${name}.type' = 'kafka_source', '${name}.bootstrap.servers' = '${kafka.bootstrapServers}', '${name}.group.id' = 'pb-${name}',
        '${name}.value.format' = 'protobuf', '${name}.protobuf.schema' = '${ORDER_PROTO.replace(/\n/g, ' ')}',
        '${name}.protobuf.message.type' = 'shop.Order'`;
    const run = await runApp(`
      CREATE STREAM big_pb AS SELECT id, customer, qty * 10 AS total FROM orders_pb WHERE qty >= 10
      WITH (${source('orders_pb')},
        'big_pb.type' = 'kafka_sink', 'big_pb.bootstrap.servers' = '${kafka.bootstrapServers}', 'big_pb.key.field' = 'customer',
        'big_pb.value.format' = 'protobuf', 'big_pb.schema.registry.url' = '${registry.url}',
        'big_pb.protobuf.schema' = '${ORDER_PROTO.replace(/\n/g, ' ')}', 'big_pb.protobuf.message.type' = 'shop.Big');
      CREATE STREAM big_json AS SELECT id, customer, CARDINALITY(tags) AS tag_count FROM orders_pb2 WHERE qty >= 10
      WITH (${source('orders_pb2')}, 'orders_pb2.topic' = 'orders_pb',
        'big_json.type' = 'kafka_sink', 'big_json.bootstrap.servers' = '${kafka.bootstrapServers}');`);
    expect(run.summary.error).toBeUndefined();
    const client = registryClient(registry);
    const reader = await registryReader(client, 'big_pb-value', protobufRegistryFormat(undefined, 'shop.Big'));
    const out = await consumeBinary(kafka.brokers, 'big_pb', 2);
    await reader.prepare(out.map((m) => m.value));
    expect(out.map((m) => [m.key, ...reader.decode(m.value)])).toEqual([
      ['bob', 2, 'bob', 500],
      ['cy', 3, 'cy', 120],
    ]);
    expect((await kcatConsume(kafka.bootstrapServers, 'big_json')).map((m) => m.value)).toEqual(['{"id":2,"customer":"bob","tag_count":0}', '{"id":3,"customer":"cy","tag_count":2}']);
  });
});
