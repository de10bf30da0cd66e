import { kcatConsume, kcatProduce, startMockKafka, type MockKafka } from '@velots/kafka-mock';
import { createEngine } from '@velots/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerKafkaConnectors } from '../src/index.js';
import { tradeMessages } from './support/run-app.js';

const byId = (a: string, b: string): number => Number(/"id":(\d+)/.exec(a)?.[1]) - Number(/"id":(\d+)/.exec(b)?.[1]);

function expectedRows(from: number, to: number): string[] {
  return tradeMessages(to - from, from)
    .map((m) => JSON.parse(m.value) as { id: number; quantity: number })
    .filter((t) => t.quantity >= 40)
    .map((t) => `{"id":${t.id},"quantity":${t.quantity}}`);
}

const app = (kafka: MockKafka, topic: string, timeout: string): string => `
  CREATE STREAM big_orders AS SELECT id, quantity FROM orders WHERE quantity >= 40
  WITH ('orders.type' = 'kafka_source', 'orders.bootstrap.servers' = '${kafka.bootstrapServers}', 'orders.topic' = '${topic}',
        'orders.group.id' = 'connect-${topic}', 'orders.format' = 'json', 'orders.retries' = '0', 'orders.connect.timeout.ms' = '${timeout}',
        'big_orders.type' = 'kafka_sink', 'big_orders.bootstrap.servers' = '${kafka.bootstrapServers}', 'big_orders.topic' = '${topic}-out',
        'big_orders.format' = 'json', 'big_orders.retries' = '0', 'big_orders.connect.timeout.ms' = '${timeout}');`;

describe('a Kafka job whose cluster is unreachable when it starts', () => {
  let kafka: MockKafka;
  beforeAll(async () => {
    kafka = await startMockKafka({ topics: [{ name: 'late', partitions: 3 }, { name: 'late-out', partitions: 1 }, { name: 'never', partitions: 3 }, { name: 'never-out', partitions: 1 }] });
  });
  afterAll(async () => {
    await kafka.stop();
  });

  it('keeps trying to connect within connect.timeout.ms and runs once the cluster is back', async () => {
    registerKafkaConnectors({ bounded: true });
    await kcatProduce(kafka.bootstrapServers, 'late', tradeMessages(12));
    await kafka.setAllBrokersDown();
    const loading = createEngine({ sql: app(kafka, 'late', '60000'), baseDir: process.cwd(), warn: () => undefined });
    let settled = false;
    void loading.then(() => (settled = true), () => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(settled).toBe(false);
    await kafka.setAllBrokersUp();
    const engine = await loading;
    const summary = await engine.run();
    expect(summary.error).toBeUndefined();
    const out = (await kcatConsume(kafka.bootstrapServers, 'late-out')).map((m) => m.value ?? '');
    expect(out.sort(byId)).toEqual(expectedRows(0, 12));
  }, 90_000);

  it('fails with SOURCE_READ naming the deadline once connect.timeout.ms has passed', async () => {
    registerKafkaConnectors({ bounded: true });
    await kcatProduce(kafka.bootstrapServers, 'never', tradeMessages(3));
    await kafka.setAllBrokersDown();
    try {
      const started = Date.now();
      const error = await createEngine({ sql: app(kafka, 'never', '1500'), baseDir: process.cwd(), warn: () => undefined }).then(
        () => undefined,
        (e: unknown) => e as { code: string; message: string },
      );
      expect(error?.code).toBe('SOURCE_READ');
      expect(error?.message).toMatch(new RegExp(`^source 'orders': cannot connect to Kafka at ${kafka.bootstrapServers.replaceAll('.', '\\.')} \\(tried for \\d+ ms, connect\\.timeout\\.ms = 1500\\): `));
      expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
    } finally {
      await kafka.setAllBrokersUp();
    }
  }, 90_000);
});
