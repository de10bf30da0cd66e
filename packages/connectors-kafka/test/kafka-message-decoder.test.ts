import { Schema, SqlTypes, type BadRecord } from '@velots/core';
import { createEventTimeExtractor } from '@velots/runtime';
import { JsonCodec } from '@velots/serde-json';
import type { KafkaMessage } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { KafkaMessageDecoder } from '../src/source/kafka-message-decoder.js';

const SCHEMA = Schema.of(['id', SqlTypes.BIGINT], ['ts', SqlTypes.BIGINT], ['k', SqlTypes.STRING]);

function message(offset: number, value: string | null, extra: { key?: string; headers?: Record<string, string>; timestamp?: number } = {}): KafkaMessage {
  return {
    key: extra.key === undefined ? null : Buffer.from(extra.key),
    value: value === null ? null : Buffer.from(value),
    timestamp: String(extra.timestamp ?? 1_000 + offset),
    attributes: 0,
    offset: String(offset),
    headers: Object.fromEntries(Object.entries(extra.headers ?? {}).map(([name, text]) => [name, Buffer.from(text)])),
  };
}

function decoder(options: { eventTimeField?: boolean } = {}): { decoder: KafkaMessageDecoder; bad: BadRecord[] } {
  const bad: BadRecord[] = [];
  const codec = JsonCodec.declared(Schema.of(['id', SqlTypes.BIGINT], ['ts', SqlTypes.BIGINT]));
  return {
    bad,
    decoder: new KafkaMessageDecoder({
      source: 'events',
      topic: 'events-topic',
      codec,
      schema: SCHEMA,
      keyColumn: 2,
      eventTime: options.eventTimeField ? createEventTimeExtractor(SCHEMA, { field: 'ts' }) : undefined,
      reportBadRecord: (record) => bad.push(record),
    }),
  };
}

describe('KafkaMessageDecoder', () => {
  it('decodes values into rows with the key column, and keeps key, headers, partition, offset and timestamp beside them', () => {
    const { decoder: d } = decoder();
    d.add(2, message(7, '{"id":1,"ts":5000}', { key: 'a', headers: { traceparent: 'tp' }, timestamp: 4000 }));
    d.add(2, message(8, '{"id":2}'));
    const batch = d.finish();
    expect(batch.rows).toEqual([
      [1, 5000, 'a'],
      [2, null, null],
    ]);
    expect(batch.topic).toBe('events-topic');
    expect(batch.partitions).toEqual([2, 2]);
    expect(batch.offsets).toEqual([7, 8]);
    expect(batch.timestamps).toEqual([4000, 1008]);
    expect(batch.eventTimes).toEqual([4000, 1008]);
    expect(batch.keys?.map((k) => (k === null ? null : Buffer.from(k as Uint8Array).toString()))).toEqual(['a', null]);
    expect(batch.headers?.map((h) => (h ? Object.keys(h) : undefined))).toEqual([['traceparent'], undefined]);
  });

  it('takes event time from event.time.field, else the _event_time header, else the message timestamp', () => {
    const byField = decoder({ eventTimeField: true });
    byField.decoder.add(0, message(0, '{"id":1,"ts":5000}', { headers: { _event_time: '9000' } }));
    expect(byField.decoder.finish().eventTimes).toEqual([5000]);
    const byHeader = decoder();
    byHeader.decoder.add(0, message(0, '{"id":1,"ts":5000}', { headers: { _event_time: '9000' } }));
    byHeader.decoder.add(0, message(1, '{"id":2}'));
    expect(byHeader.decoder.finish().eventTimes).toEqual([9000, 1001]);
  });

  it('reports a message that cannot be decoded with its key, value, headers and place, and goes on', () => {
    const { decoder: d, bad } = decoder();
    d.add(1, message(3, '{"id":', { key: 'x', headers: { h: 'v' } }));
    d.add(1, message(4, null, { key: 'y' }));
    d.add(1, message(5, '{"id":"nope"}'));
    d.add(1, message(6, '{"id":6}'));
    expect(d.finish().rows).toEqual([[6, null, null]]);
    expect(bad.map((b) => [b.error.code, b.location, b.key === null || b.key === undefined ? null : Buffer.from(b.key as Uint8Array).toString(), Buffer.from(b.raw as Uint8Array).toString()])).toEqual([
      ['SERDE_DECODE', { source: 'events', topic: 'events-topic', partition: 1, offset: 3 }, 'x', '{"id":'],
      ['SERDE_DECODE', { source: 'events', topic: 'events-topic', partition: 1, offset: 4 }, 'y', ''],
      ['CAST_FAILED', { source: 'events', topic: 'events-topic', partition: 1, offset: 5, field: 'id' }, null, '{"id":"nope"}'],
    ]);
    expect(bad[0]?.headers && Object.keys(bad[0].headers)).toEqual(['h']);
    expect(bad[1]?.error.message).toBe('events-topic[1]@4: message has no value (a tombstone)');
    expect(bad[2]?.error.message).toBe('events-topic[1]@5: field \'id\' value "nope" cannot be cast to BIGINT');
  });
});
