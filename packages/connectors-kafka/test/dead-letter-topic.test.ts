import { kcatConsume, kcatProduce, startMockKafka, type MockKafka } from '@velots/kafka-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runApp } from './support/run-app.js';

describe('dead-letter topic', () => {
  let kafka: MockKafka;
  beforeAll(async () => {
    kafka = await startMockKafka({ topics: ['payments', 'accepted', 'payments_dlq'] });
  });
  afterAll(async () => {
    await kafka.stop();
  });

  it('sends records that fail to decode to the topic with their key, value and reason headers; good records flow', async () => {
    await kcatProduce(kafka.bootstrapServers, 'payments', [
      { key: 'a', value: '{"account":"a","amount":10}' },
      { key: 'b', value: '{"account":"b","amount":' },
      { key: 'c', value: '{"account":"c","amount":30}' },
      { key: 'd', value: '{"account":"d","amount":"lots"}' },
      { key: 'e', value: '[1,2]' },
      { key: 'f', value: '{"account":"f","amount":60}' },
    ]);
    const run = await runApp(`
      CREATE STREAM payments (account STRING, amount BIGINT) WITH (
        'type' = 'kafka_source', 'bootstrap.servers' = '${kafka.bootstrapServers}', 'group.id' = 'payments-dlq'
      );
      CREATE STREAM accepted AS SELECT account, amount * 2 AS doubled FROM payments
      WITH (
        'accepted.type' = 'kafka_sink', 'accepted.bootstrap.servers' = '${kafka.bootstrapServers}',
        'failure_strategy' = 'dead_letter', 'dead.letter.queue.enabled' = 'true', 'dead.letter.queue.topic' = 'payments_dlq'
      );`);
    expect(run.summary.error).toBeUndefined();
    expect(run.summary.badRecords).toEqual({ SERDE_DECODE: 2, CAST_FAILED: 1 });
    expect((await kcatConsume(kafka.bootstrapServers, 'accepted')).map((m) => m.value)).toEqual([
      '{"account":"a","doubled":20}',
      '{"account":"c","doubled":60}',
      '{"account":"f","doubled":120}',
    ]);
    const dead = await kcatConsume(kafka.bootstrapServers, 'payments_dlq');
    expect(dead.map((m) => [m.key, m.value, Object.fromEntries(m.headers)])).toEqual([
      [
        'b',
        '{"account":"b","amount":',
        {
          'velo.error.code': 'SERDE_DECODE',
          'velo.error.message': 'invalid JSON record (payments, payments[0]@1, byte 24): unexpected end of JSON',
          'velo.source.topic': 'payments',
          'velo.source.partition': '0',
          'velo.source.offset': '1',
        },
      ],
      [
        'd',
        '{"account":"d","amount":"lots"}',
        {
          'velo.error.code': 'CAST_FAILED',
          'velo.error.message': `payments[0]@3: field 'amount' value "lots" cannot be cast to BIGINT`,
          'velo.error.field': 'amount',
          'velo.source.topic': 'payments',
          'velo.source.partition': '0',
          'velo.source.offset': '3',
        },
      ],
      [
        'e',
        '[1,2]',
        {
          'velo.error.code': 'SERDE_DECODE',
          'velo.error.message': 'invalid JSON record (payments, payments[0]@4, byte 0): expected a JSON object, found an array',
          'velo.source.topic': 'payments',
          'velo.source.partition': '0',
          'velo.source.offset': '4',
        },
      ],
    ]);
  });
});
