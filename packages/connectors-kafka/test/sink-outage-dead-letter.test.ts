import { kcatConsume, kcatProduce, startMockKafka, type MockKafka } from '@velots/kafka-mock';
import { createEngine } from '@velots/runtime';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerKafkaConnectors } from '../src/index.js';
import { tradeMessages } from './support/run-app.js';
import { waitFor } from './support/sources.js';

/** The rows `big_orders` makes of trades `from` until `to`, as JSON text. */
function expectedRows(from: number, to: number): string[] {
  return tradeMessages(to - from, from)
    .map((m) => JSON.parse(m.value) as { id: number; quantity: number })
    .filter((t) => t.quantity >= 40)
    .map((t) => `{"id":${t.id},"quantity":${t.quantity}}`);
}

const byId = (a: string, b: string): number => Number(/"id":(\d+)/.exec(a)?.[1]) - Number(/"id":(\d+)/.exec(b)?.[1]);

function deadLetters(path: string): { reason: string; code: string; raw: string }[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as { reason: string; code: string; raw: string });
}

describe('a kafka_sink whose cluster stays down past delivery.timeout.ms', () => {
  let input: MockKafka;
  let output: MockKafka;
  beforeAll(async () => {
    input = await startMockKafka({ topics: [{ name: 'orders', partitions: 3 }] });
    output = await startMockKafka({ topics: [{ name: 'big_orders', partitions: 1 }] });
  });
  afterAll(async () => {
    await Promise.all([input.stop(), output.stop()]);
  });

  it('sends the undelivered rows to the dead-letter sink naming the sink and the error, and delivers the next ones once it is back', async () => {
    registerKafkaConnectors({ bounded: false });
    const dir = mkdtempSync(join(tmpdir(), 'velo-sink-outage-'));
    const dlq = join(dir, 'dlq.jsonl');
    // The source infers its schema from the first messages: they are there before the engine loads.
    await kcatProduce(input.bootstrapServers, 'orders', tradeMessages(10));
    const engine = await createEngine({
      sql: `CREATE STREAM big_orders AS SELECT id, quantity FROM orders WHERE quantity >= 40
        WITH ('orders.type' = 'kafka_source', 'orders.bootstrap.servers' = '${input.bootstrapServers}', 'orders.group.id' = 'sink-outage-dlq', 'orders.format' = 'json',
              'big_orders.type' = 'kafka_sink', 'big_orders.bootstrap.servers' = '${output.bootstrapServers}', 'big_orders.format' = 'json',
              'big_orders.delivery.timeout.ms' = '1500', 'big_orders.retries' = '1',
              'failure_strategy' = 'dead_letter', 'dead.letter.queue.sink' = 'dlq', 'dlq.type' = 'file_sink', 'dlq.path' = '${dlq}');`,
      baseDir: dir,
      warn: () => undefined,
    });
    const done = engine.run();
    try {
      await waitFor(async () => (await kcatConsume(output.bootstrapServers, 'big_orders')).length >= expectedRows(0, 10).length, 30_000);
      await output.setAllBrokersDown();
      await kcatProduce(input.bootstrapServers, 'orders', tradeMessages(10, 10));
      // The dead-letter file is flushed at commit points and at the end: watch the job's count meanwhile.
      await waitFor(() => (engine.runningJobs[0]?.badRecordCounts().deadLettered ?? 0) >= expectedRows(10, 20).length, 30_000);
      await output.setAllBrokersUp();
      await kcatProduce(input.bootstrapServers, 'orders', tradeMessages(10, 20));
      let delivered: string[] = [];
      await waitFor(async () => {
        delivered = (await kcatConsume(output.bootstrapServers, 'big_orders')).map((m) => m.value ?? '');
        return delivered.length >= expectedRows(0, 10).length + expectedRows(20, 30).length;
      }, 60_000);
      expect(delivered.sort(byId)).toEqual([...expectedRows(0, 10), ...expectedRows(20, 30)]);
    } finally {
      engine.stop();
    }
    expect((await done).error).toBeUndefined();
    const letters = deadLetters(dlq);
    expect(letters.map((l) => l.raw).sort(byId)).toEqual(expectedRows(10, 20));
    for (const letter of letters) {
      expect(letter.code).toBe('SINK_WRITE');
      expect(letter.reason).toMatch(/^sink 'big_orders': producing to topic 'big_orders' failed \(retried for \d+ ms, delivery.timeout.ms = 1500\): /);
    }
  }, 120_000);
});
