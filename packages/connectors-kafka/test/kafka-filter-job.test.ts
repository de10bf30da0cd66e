import { kcatConsume, kcatProduce, startMockKafka, type MockKafka } from '@velots/kafka-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runApp, tradeMessages } from './support/run-app.js';

describe('a Kafka → Kafka filter job (JSON)', () => {
  let kafka: MockKafka;
  beforeAll(async () => {
    kafka = await startMockKafka({ topics: [{ name: 'trades', partitions: 3 }, { name: 'large_trades', partitions: 1 }] });
  });
  afterAll(async () => {
    await kafka.stop();
  });

  it('passes record headers (trace context) through to the messages derived from them', async () => {
    await kafka.createTopic('traced', 1);
    await kafka.createTopic('traced_out', 1);
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    await kcatProduce(kafka.bootstrapServers, 'traced', [
      { value: '{"n":1}', headers: { traceparent } },
      { value: '{"n":2}' },
    ]);
    const run = await runApp(`
      CREATE STREAM traced_out AS SELECT n * 10 AS n10 FROM traced
      WITH ('traced.type' = 'kafka_source', 'traced.bootstrap.servers' = '${kafka.bootstrapServers}', 'traced.group.id' = 'traced',
            'traced_out.type' = 'kafka_sink', 'traced_out.bootstrap.servers' = '${kafka.bootstrapServers}');`);
    expect(run.summary.error).toBeUndefined();
    const out = await kcatConsume(kafka.bootstrapServers, 'traced_out');
    expect(out.map((m) => [m.value, m.headers])).toEqual([
      ['{"n10":10}', [['traceparent', traceparent]]],
      ['{"n10":20}', []],
    ]);
  });

  it('keeps the matching records, keyed by PRIMARY KEY, and reads every partition to the end seen at start', async () => {
    await kcatProduce(kafka.bootstrapServers, 'trades', tradeMessages(30));
    const run = await runApp(`
      CREATE STREAM large_trades AS
      SELECT id, symbol PRIMARY KEY, price * quantity AS notional, _partition AS part, _offset AS off, _key AS k
      FROM trades
      WHERE price * quantity >= 700
      WITH (
        'trades.type' = 'kafka_source', 'trades.bootstrap.servers' = '${kafka.bootstrapServers}', 'trades.group.id' = 'filter-test',
        'large_trades.type' = 'kafka_sink', 'large_trades.bootstrap.servers' = '${kafka.bootstrapServers}'
      );`);
    expect(run.summary.error).toBeUndefined();
    expect(run.sources).toEqual([{ name: 'trades', records: 30, progress: { done: 30, total: 30, unit: 'offsets' } }]);
    const out = await kcatConsume(kafka.bootstrapServers, 'large_trades');
    const expected = tradeMessages(30)
      .map((m) => ({ m, t: JSON.parse(m.value) as { id: number; price: number; quantity: number } }))
      .filter(({ m, t }) => Number(/"price":([0-9.]+)/.exec(m.value)?.[1]) * t.quantity >= 700)
      .map(({ m, t }) => {
        const price = /"price":([0-9.]+)/.exec(m.value)?.[1] as string;
        const [whole, cents] = price.split('.') as [string, string];
        const notionalCents = (Number(whole) * 100 + Number(cents)) * t.quantity;
        const notional = `${Math.floor(notionalCents / 100)}.${String(notionalCents % 100).padStart(2, '0')}`;
        return { key: m.key, value: `{"id":${t.id},"symbol":"${m.key}","notional":${notional},"part":${m.partition},"off":${Math.floor(t.id / 3)},"k":"${m.key}"}` };
      });
    expect(out.map((m) => ({ key: m.key, value: m.value })).sort((a, b) => idOf(a.value) - idOf(b.value))).toEqual(expected);
    expect(expected.length).toBeGreaterThan(5);
  });
});

function idOf(value: string | null): number {
  return Number(/"id":(\d+)/.exec(value ?? '')?.[1]);
}
