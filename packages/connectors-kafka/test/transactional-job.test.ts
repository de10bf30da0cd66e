import { kcatConsume, kcatProduce, startMockKafka, type MockKafka } from '@velots/kafka-mock';
import { Kafka, logLevel } from 'kafkajs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runApp, tradeMessages } from './support/run-app.js';

/**
 * Transactional mode against librdkafka's mock cluster, read back by kcat (read_committed). The sink sets
 * `enable.idempotence = false`: kafkajs's idempotent producer asks the metadata's controller for a producer id
 * at connect, which the mock does not name (docs/kafka.md "Delivery"); the transaction itself still gets its
 * producer id and epoch from the transaction coordinator.
 */
describe('a transactional Kafka → Kafka job', () => {
  let kafka: MockKafka;
  beforeAll(async () => {
    kafka = await startMockKafka({ topics: [{ name: 'orders', partitions: 3 }, { name: 'big_orders', partitions: 1 }] });
  });
  afterAll(async () => {
    await kafka.stop();
  });

  const app = (): string => `
    -- @job_mode: transactional
    CREATE STREAM big_orders AS SELECT id, quantity FROM orders WHERE quantity >= 40
    WITH ('orders.type' = 'kafka_source', 'orders.bootstrap.servers' = '${kafka.bootstrapServers}', 'orders.group.id' = 'txn-test',
          'big_orders.type' = 'kafka_sink', 'big_orders.bootstrap.servers' = '${kafka.bootstrapServers}', 'big_orders.enable.idempotence' = 'false');`;

  async function committedOffsets(): Promise<number[]> {
    const admin = new Kafka({ brokers: [...kafka.brokers], logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      const [topic] = await admin.fetchOffsets({ groupId: 'txn-test', topics: ['orders'] });
      return (topic?.partitions ?? []).sort((a, b) => a.partition - b.partition).map((p) => Number(p.offset));
    } finally {
      await admin.disconnect();
    }
  }

  function idOf(value: string | null): number {
    return Number(/"id":(\d+)/.exec(value ?? '')?.[1]);
  }

  function expectedOutput(from: number, to: number): string[] {
    return tradeMessages(to - from, from)
      .map((m) => JSON.parse(m.value) as { id: number; quantity: number })
      .filter((t) => t.quantity >= 40)
      .map((t) => `{"id":${t.id},"quantity":${t.quantity}}`);
  }

  it('writes its output in a committed transaction that read_committed readers see exactly, and never commits offsets through the consumer', async () => {
    await kcatProduce(kafka.bootstrapServers, 'orders', tradeMessages(30));
    const run = await runApp(app());
    expect(run.summary.error).toBeUndefined();
    expect(run.sources[0]?.records).toBe(30);
    const out = await kcatConsume(kafka.bootstrapServers, 'big_orders', { isolation: 'read_committed' });
    expect(out.map((m) => m.value).sort((a, b) => idOf(a) - idOf(b))).toEqual(expectedOutput(0, 30));
    // The offsets went to the transaction (sendOffsets, unit-tested with a recording producer), not to the group
    // through the consumer; the mock acknowledges TxnOffsetCommit without storing it, so the group shows none.
    expect(await committedOffsets()).toEqual([-1, -1, -1]);
  });

  it('refuses a transactional job whose sink cannot join the transaction (Kafka source, file sink) with a CONFIG error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'velo-txn-'));
    try {
      const run = await runApp(`
        CREATE STREAM out_file AS SELECT id FROM orders
        WITH ('orders.type' = 'kafka_source', 'orders.bootstrap.servers' = '${kafka.bootstrapServers}', 'orders.group.id' = 'txn-mixed',
              'out_file.type' = 'file_sink', 'out_file.path' = '${join(dir, 'out.jsonl')}', 'out_file.format' = 'jsonl', 'mode' = 'transactional');`);
      expect(run.summary.error?.code).toBe('CONFIG');
      expect(run.summary.error?.message).toBe(
        "job 'out_file' runs in transactional mode, but its sink 'out_file' cannot commit in a transaction; transactional mode needs a Kafka source and a Kafka sink (or run it in simple mode: at-least-once)",
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
