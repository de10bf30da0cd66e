import { JsonCodec } from '@velots/serde-json';
import { ErrorCodes, Schema, SqlTypes, noopTelemetry, systemClock, type RecordBatch, type Source, type SourcePosition } from '@velots/core';
import { kcatProduce, startMockKafka, type MockKafka } from '@velots/kafka-mock';
import { CompressionTypes, type Producer, type ProducerRecord, type Transaction } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KafkaSink, type ProducerSettings } from '../src/sink/kafka-sink.js';
import type { KafkaSource } from '../src/source/kafka-source.js';
import { openSource, readUntil } from './support/sources.js';

/** What a kafkajs producer was asked to do, in order (`send` records its topic and values). */
type Call = readonly [string, ...unknown[]];

/** A kafkajs producer that records its calls; `failSend` makes the transaction's sends fail. */
function recordingProducer(calls: Call[], settings: ProducerSettings[], failSend = false): (s: ProducerSettings) => Producer {
  return (s) => {
    settings.push(s);
    let active = false;
    const transaction = {
      send: async (record: ProducerRecord) => {
        calls.push(['send', record.topic, record.messages.map((m) => String(m.value))]);
        if (failSend) throw new Error('NOT_LEADER_FOR_PARTITION');
        return [];
      },
      sendOffsets: async (offsets: unknown) => void calls.push(['sendOffsets', offsets]),
      commit: async () => {
        calls.push(['commit']);
        active = false;
      },
      abort: async () => {
        calls.push(['abort']);
        active = false;
      },
      isActive: () => active,
    } as unknown as Transaction;
    return {
      connect: async () => void calls.push(['connect']),
      disconnect: async () => void calls.push(['disconnect']),
      send: async () => {
        throw new Error('a transactional producer sends only inside a transaction');
      },
      transaction: async () => {
        calls.push(['beginTransaction']);
        active = true;
        return transaction;
      },
    } as unknown as Producer;
  };
}

const OUT_SCHEMA = Schema.of(['id', SqlTypes.BIGINT]);

function batchOf(ids: readonly number[]): RecordBatch {
  return { schema: OUT_SCHEMA, rows: ids.map((id) => [BigInt(id)]), eventTimes: ids.map(() => 1_700_000_000_000) } as unknown as RecordBatch;
}

function transactionalSink(calls: Call[], settings: ProducerSettings[], failSend = false): KafkaSink {
  return new KafkaSink({
    name: 'out',
    topic: 'out',
    client: { brokers: ['unused:9092'] },
    codec: (schema) => JsonCodec.declared(schema),
    keyColumns: [],
    acks: -1,
    compression: CompressionTypes.None,
    batchSize: 2,
    maxInFlight: 4,
    idempotent: true,
    transactionalId: 'velo-app-job-out',
    producerFactory: recordingProducer(calls, settings, failSend),
  });
}

describe('kafka_sink transactions (a recording kafkajs producer, a real kafka_source on the mock broker)', () => {
  let kafka: MockKafka;
  let source: KafkaSource;
  let position: SourcePosition;
  beforeAll(async () => {
    kafka = await startMockKafka({ topics: [{ name: 'txn_in', partitions: 2 }] });
    await kcatProduce(kafka.bootstrapServers, 'txn_in', [0, 1, 2, 3, 4].map((id) => ({ value: `{"id":${id},"symbol":"A"}`, partition: id % 2 })));
    source = await openSource(kafka.bootstrapServers, 'txn_in', 'txn-unit');
    const [batches] = await readUntil([source], 5);
    position = batches!.at(-1)!.position;
  });
  afterAll(async () => {
    await source.close();
    await kafka.stop();
  });

  it('asks for an idempotent producer with one request in flight and the job-derived transactional id', async () => {
    const settings: ProducerSettings[] = [];
    const sink = transactionalSink([], settings);
    await sink.open(OUT_SCHEMA, { signal: new AbortController().signal, telemetry: noopTelemetry, clock: systemClock });
    expect(settings.map(({ idempotent, maxInFlightRequests, transactionalId }) => ({ idempotent, maxInFlightRequests, transactionalId }))).toEqual([
      { idempotent: true, maxInFlightRequests: 1, transactionalId: 'velo-app-job-out' },
    ]);
    await sink.close();
  });

  it('puts the sends of one commit interval and the source offsets in one transaction, then starts the next', async () => {
    const calls: Call[] = [];
    const sink = transactionalSink(calls, []);
    await sink.open(OUT_SCHEMA, { signal: new AbortController().signal, telemetry: noopTelemetry, clock: systemClock });
    await sink.write(batchOf([1, 2, 3]));
    await sink.commitWithPosition(position, source);
    await sink.write(batchOf([4]));
    await sink.commitWithPosition(position, source);
    await sink.close();
    const offsets = { consumerGroupId: 'txn-unit', topics: [{ topic: 'txn_in', partitions: [{ partition: 0, offset: '3' }, { partition: 1, offset: '2' }] }] };
    expect(calls).toEqual([
      ['connect'],
      ['beginTransaction'],
      ['send', 'out', ['{"id":1}', '{"id":2}']],
      ['send', 'out', ['{"id":3}']],
      ['sendOffsets', offsets],
      ['commit'],
      ['beginTransaction'],
      ['send', 'out', ['{"id":4}']],
      ['sendOffsets', offsets],
      ['commit'],
      ['disconnect'],
    ]);
  });

  it('aborts the transaction when a send fails and commits neither output nor offsets', async () => {
    const calls: Call[] = [];
    const sink = transactionalSink(calls, [], true);
    await sink.open(OUT_SCHEMA, { signal: new AbortController().signal, telemetry: noopTelemetry, clock: systemClock });
    await sink.write(batchOf([7]));
    const failure = await sink.commitWithPosition(position, source).then(() => undefined, (error: unknown) => error);
    expect(failure).toMatchObject({ code: ErrorCodes.SINK_WRITE, message: "sink 'out': producing to topic 'out' failed: NOT_LEADER_FOR_PARTITION" });
    await sink.close();
    expect(calls).toEqual([['connect'], ['beginTransaction'], ['send', 'out', ['{"id":7}']], ['abort'], ['disconnect']]);
  });

  it('refuses to commit the position of a source that is not a kafka_source (CONFIG)', async () => {
    const calls: Call[] = [];
    const sink = transactionalSink(calls, []);
    await sink.open(OUT_SCHEMA, { signal: new AbortController().signal, telemetry: noopTelemetry, clock: systemClock });
    const fileLike = { name: 'trades_file', bounded: true } as unknown as Source;
    await expect(sink.commitWithPosition({ line: 3 }, fileLike)).rejects.toMatchObject({ code: ErrorCodes.CONFIG });
    await sink.close();
  });
});

