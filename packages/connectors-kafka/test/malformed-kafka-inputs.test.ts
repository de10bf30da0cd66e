import { Decimal } from '@velots/decimal';
import { kcatConsume, type KcatMessage, type MockKafka } from '@velots/kafka-mock';
import type { SchemaRegistryFixture } from '@velots/schema-registry-fixture';
import { avroRegistryFormat } from '@velots/serde-avro';
import { protobufRegistryFormat } from '@velots/serde-protobuf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consumeBinary, produceBinary } from './support/binary-messages.js';
import { registryClient, registryWriter, startKafkaWithRegistry, stopKafkaWithRegistry } from './support/kafka-with-registry.js';
import {
  amountText,
  badCounts,
  plannedMessages,
  truncated,
  withMagicByte,
  withSchemaId,
  type MessageSpoiler,
  type PayFields,
  type PlannedMessage,
} from './support/malformed-messages.js';
import { runApp, type AppRun } from './support/run-app.js';

const PARTITIONS = 3;
const AVRO_SCHEMA = JSON.stringify({
  type: 'record',
  name: 'Pay',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'account', type: 'string' },
    { name: 'amount', type: { type: 'bytes', logicalType: 'decimal', precision: 10, scale: 2 } },
    { name: 'qty', type: 'long' },
    { name: 'code', type: 'string' },
  ],
});
const PAY_PROTO = 'syntax = "proto3"; package shop; message Pay { int64 id = 1; string account = 2; int64 qty = 3; string code = 4; }';

let kafka: MockKafka;
let registry: SchemaRegistryFixture;
beforeAll(async () => {
  const topics = ['json', 'avro', 'pb'].flatMap((f) => [{ name: `pay_${f}`, partitions: PARTITIONS }, `ok_${f}`, `dlq_${f}`]);
  [kafka, registry] = await startKafkaWithRegistry({ topics: [...topics, { name: 'pay_fail', partitions: PARTITIONS }, 'ok_fail', 'pay_retry', 'ok_retry', 'dlq_retry'] });
});
afterAll(async () => {
  await stopKafkaWithRegistry(kafka, registry);
});

const jsonText = (f: PayFields, override: Record<string, string | undefined> = {}): string =>
  `{${Object.entries({ id: String(f.id), account: JSON.stringify(f.account), amount: amountText(f.cents), qty: String(f.qty), code: JSON.stringify(f.code), ts: JSON.stringify(new Date(Date.UTC(2026, 0, 1) + f.id * 1000).toISOString()), ...override })
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `"${k}":${v}`)
    .join(',')}}`;
const bytes = (text: string): Uint8Array => Buffer.from(text, 'utf8');

const JSON_SPOILERS: readonly MessageSpoiler[] = [
  { kind: 'truncated JSON', code: 'SERDE_DECODE', messageContains: 'invalid JSON', spoil: (f) => bytes(jsonText(f).slice(0, 20)) },
  { kind: 'not an object', code: 'SERDE_DECODE', messageContains: 'expected a JSON object', spoil: (f) => bytes(`[${f.id}]`) },
  { kind: 'wrong type', code: 'CAST_FAILED', field: 'qty', spoil: (f) => bytes(jsonText(f, { qty: '"many"' })) },
  { kind: 'missing required field', code: 'NULL_NOT_ALLOWED', field: 'id', spoil: (f) => bytes(jsonText(f, { id: undefined })) },
  { kind: 'bad decimal', code: 'CAST_FAILED', field: 'amount', spoil: (f) => bytes(jsonText(f, { amount: '"12.x4"' })) },
  { kind: 'decimal overflow', code: 'NUMERIC_OVERFLOW', field: 'amount', spoil: (f) => bytes(jsonText(f, { amount: '1234567890.5' })) },
  { kind: 'bad timestamp', code: 'CAST_FAILED', field: 'ts', spoil: (f) => bytes(jsonText(f, { ts: '"2026-13-45T99:00:00Z"' })) },
  { kind: 'integer overflow', code: 'NUMERIC_OVERFLOW', field: 'qty', spoil: (f) => bytes(jsonText(f, { qty: '99999999999999999999999' })) },
  { kind: 'invalid UTF-8', code: 'SERDE_DECODE', messageContains: 'not UTF-8', spoil: (f) => Buffer.concat([Buffer.from(jsonText(f).slice(0, -1)), Buffer.from([0xc3, 0x28]), Buffer.from('}')]) },
  { kind: 'CAST failure at run time', code: 'CAST_FAILED', stage: 'operator', messageContains: "cannot cast 'x7'", spoil: (f) => bytes(jsonText(f, { code: '"x7"' })) },
];

/** The app: decode, CAST at run time, write JSON to `ok_<f>`, dead letters to `dlq_<f>`. */
function app(format: string, topic: string, out: string, source: string, strategy: string, extra = ''): string {
  const withAmount = format !== 'pb';
  return `
    ${format === 'json' ? `CREATE STREAM ${topic} (id BIGINT NOT NULL, account STRING, amount DECIMAL(10,2), qty BIGINT, code STRING, ts TIMESTAMP);` : ''}
    CREATE STREAM ${out} AS SELECT id, account,${withAmount ? ' amount,' : ''} qty, CAST(code AS BIGINT) AS code_num FROM ${topic}
    WITH ('${topic}.type' = 'kafka_source', '${topic}.bootstrap.servers' = '${kafka.bootstrapServers}', '${topic}.group.id' = 'malformed-${topic}', ${source}
      '${out}.type' = 'kafka_sink', '${out}.bootstrap.servers' = '${kafka.bootstrapServers}',
      'failure_strategy' = '${strategy}' ${extra});`;
}

function expectedRows(messages: readonly PlannedMessage[], withAmount: boolean): string[] {
  return messages
    .flatMap((m) => (m.good ? [m.good] : []))
    .map((f) => `{"id":${f.id},"account":${JSON.stringify(f.account)},${withAmount ? `"amount":${amountText(f.cents)},` : ''}"qty":${f.qty},"code_num":${f.code}}`);
}

const byId = (values: (string | null)[]): string[] => values.map((v) => v ?? '').sort((a, b) => Number(/"id":(\d+)/.exec(a)?.[1]) - Number(/"id":(\d+)/.exec(b)?.[1]));

/** Checks a dead_letter run: exact output, counts, and each dead letter (read with kcat) at its origin with its reason. */
async function expectDeadLettered(run: AppRun, messages: readonly PlannedMessage[], topic: string, out: string, dlq: string, withAmount: boolean): Promise<void> {
  const bad = messages.filter((m) => m.bad);
  expect(run.summary.error).toBeUndefined();
  expect(run.summary.badRecords).toEqual(badCounts(messages));
  expect(byId((await kcatConsume(kafka.bootstrapServers, out)).map((m) => m.value))).toEqual(expectedRows(messages, withAmount));
  const dead = await kcatConsume(kafka.bootstrapServers, dlq);
  expect(dead).toHaveLength(bad.length);
  const origin = (m: KcatMessage): string => {
    const h = Object.fromEntries(m.headers);
    return `${h['velo.source.partition']}@${h['velo.source.offset']}`;
  };
  const byOrigin = new Map(dead.map((m) => [origin(m), m]));
  for (const m of bad) {
    const letter = byOrigin.get(`${m.partition}@${m.offset}`);
    expect(letter, `${m.bad?.kind} at ${topic}[${m.partition}]@${m.offset}`).toBeDefined();
    const headers = Object.fromEntries(letter?.headers ?? []);
    expect(letter?.key).toBe(m.key);
    expect(headers).toMatchObject({ 'velo.error.code': m.bad?.code, 'velo.source.topic': topic });
    if (m.bad?.field) expect(headers['velo.error.field']).toBe(m.bad.field);
    if (m.bad?.messageContains) expect(headers['velo.error.message']).toContain(m.bad.messageContains);
    // Every reason names the message's place: `topic[partition]@offset` (after the source name for a query failure).
    expect(headers['velo.error.message']).toContain(`${topic}[${m.partition}]@${m.offset}`);
    if (m.bad?.stage === 'operator') expect(headers['velo.error.message']).toMatch(new RegExp(`^${topic}, ${topic}\\[${m.partition}\\]@${m.offset}: `));
  }
  // A decoder reject keeps the original bytes (read with kafkajs: kcat's JSON output is text).
  const raw = await consumeBinary(kafka.brokers, dlq, bad.length);
  const rawByKey = new Map(raw.map((m) => [m.key, m.value]));
  for (const m of bad) if (m.bad?.stage === 'source') expect(Buffer.compare(rawByKey.get(m.key) ?? Buffer.alloc(0), Buffer.from(m.value)), m.bad.kind).toBe(0);
}

describe('malformed messages mixed into good ones over Kafka', () => {
  it('JSON: dead_letter sends every bad message to the DLQ topic with its reason, origin, key and bytes; good output exact', async () => {
    const messages = plannedMessages(7, 400, 48, PARTITIONS, (f) => bytes(jsonText(f)), JSON_SPOILERS);
    await produceBinary(kafka.brokers, 'pay_json', messages);
    const run = await runApp(app('json', 'pay_json', 'ok_json', '', 'dead_letter', `, 'dead.letter.queue.topic' = 'dlq_json'`));
    await expectDeadLettered(run, messages, 'pay_json', 'ok_json', 'dlq_json', true);
    expect(run.sources[0]?.records).toBe(messages.filter((m) => !m.bad || m.bad.stage === 'operator').length);
  });

  it('Avro (schema registry): wrong magic byte, unknown schema id and truncated payloads are dead-lettered; good output exact', async () => {
    const client = registryClient(registry);
    const writer = await registryWriter(client, 'pay_avro-value', avroRegistryFormat(AVRO_SCHEMA));
    const encode = (f: PayFields): Uint8Array => writer.encode([f.id, f.account, Decimal.parse(amountText(f.cents)), f.qty, f.code]);
    const spoilers: MessageSpoiler[] = [
      { kind: 'wrong magic byte', code: 'SERDE_DECODE', messageContains: 'magic byte', spoil: (f, good) => withMagicByte(good(f), 1) },
      { kind: 'unknown schema id', code: 'SERDE_DECODE', messageContains: 'unknown schema id 9999', spoil: (f, good) => withSchemaId(good(f), 9999) },
      { kind: 'truncated payload', code: 'SERDE_DECODE', spoil: (f, good) => truncated(good(f), 2) },
      { kind: 'empty payload', code: 'SERDE_DECODE', spoil: () => new Uint8Array(0) },
      { kind: 'CAST failure at run time', code: 'CAST_FAILED', stage: 'operator', messageContains: "cannot cast 'x7'", spoil: (f, good) => good({ ...f, code: 'x7' }) },
    ];
    const messages = plannedMessages(11, 300, 30, PARTITIONS, encode, spoilers);
    await produceBinary(kafka.brokers, 'pay_avro', messages);
    const run = await runApp(
      app('avro', 'pay_avro', 'ok_avro', `'pay_avro.value.format' = 'avro', 'pay_avro.schema.registry.url' = '${registry.url}',`, 'SendToDLQ', `, 'dead.letter.queue.topic' = 'dlq_avro'`),
    );
    await expectDeadLettered(run, messages, 'pay_avro', 'ok_avro', 'dlq_avro', true);
    // Dead letters keep the original bytes: the DLQ topic gets no schema derived from the dead-letter columns.
    expect(await client.latest('dlq_avro-value')).toBeUndefined();
  });

  it('Protobuf (schema registry): wrong magic byte, unknown schema id and truncated payloads are dead-lettered; good output exact', async () => {
    const client = registryClient(registry);
    const writer = await registryWriter(client, 'pay_pb-value', protobufRegistryFormat(PAY_PROTO, 'shop.Pay'));
    const encode = (f: PayFields): Uint8Array => writer.encode([f.id, f.account, f.qty, f.code]);
    const spoilers: MessageSpoiler[] = [
      { kind: 'wrong magic byte', code: 'SERDE_DECODE', messageContains: 'magic byte', spoil: (f, good) => withMagicByte(good(f), 7) },
      { kind: 'unknown schema id', code: 'SERDE_DECODE', messageContains: 'unknown schema id 9999', spoil: (f, good) => withSchemaId(good(f), 9999) },
      { kind: 'truncated payload', code: 'SERDE_DECODE', spoil: (f, good) => truncated(good(f), 2) },
      { kind: 'CAST failure at run time', code: 'CAST_FAILED', stage: 'operator', messageContains: "cannot cast 'x7'", spoil: (f, good) => good({ ...f, code: 'x7' }) },
    ];
    const messages = plannedMessages(13, 300, 30, PARTITIONS, encode, spoilers);
    await produceBinary(kafka.brokers, 'pay_pb', messages);
    const source = `'pay_pb.value.format' = 'protobuf', 'pay_pb.schema.registry.url' = '${registry.url}', 'pay_pb.protobuf.message.type' = 'shop.Pay',`;
    const run = await runApp(app('pb', 'pay_pb', 'ok_pb', source, 'dead_letter', `, 'dead.letter.queue.topic' = 'dlq_pb'`));
    await expectDeadLettered(run, messages, 'pay_pb', 'ok_pb', 'dlq_pb', false);
  });

  it('JSON: fail stops the job at a bad message, naming its topic, partition and offset', async () => {
    const messages = plannedMessages(17, 200, 10, PARTITIONS, (f) => bytes(jsonText(f)), JSON_SPOILERS);
    await produceBinary(kafka.brokers, 'pay_fail', messages);
    const run = await runApp(app('json', 'pay_fail', 'ok_fail', '', 'FailBatch'));
    expect(run.summary.error?.code).toBe('JOB_FAILED');
    const place = /pay_fail\[(\d)\]@(\d+)/.exec(run.summary.error?.message ?? '');
    expect(place, run.summary.error?.message).not.toBeNull();
    const failed = messages.find((m) => m.partition === Number(place?.[1]) && m.offset === Number(place?.[2]));
    expect(failed?.bad, `the message at ${place?.[0]}`).toBeDefined();
    expect(run.summary.error?.message).toContain(failed?.bad?.code === 'CAST_FAILED' && failed.bad.stage === 'operator' ? "cannot cast 'x7'" : '');
  });

  it('JSON: retry falls back to the DLQ topic for bad messages (they are not transient); counts equal', async () => {
    const messages = plannedMessages(19, 200, 16, 1, (f) => bytes(jsonText(f)), JSON_SPOILERS);
    await produceBinary(kafka.brokers, 'pay_retry', messages);
    const run = await runApp(app('json', 'pay_retry', 'ok_retry', '', 'RetryWithBackoff', `, 'max_retries' = '2', 'retry_backoff' = '10', 'dead.letter.queue.topic' = 'dlq_retry'`));
    await expectDeadLettered(run, messages, 'pay_retry', 'ok_retry', 'dlq_retry', true);
  });
});
