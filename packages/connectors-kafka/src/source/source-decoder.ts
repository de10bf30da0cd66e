import { Schema, SqlTypes, field, type BadRecord, type Codec } from '@velots/core';
import { createEventTimeExtractor } from '@velots/runtime';
import { KafkaMessageDecoder } from './kafka-message-decoder.js';
import type { KafkaSourceOptions } from './kafka-source-options.js';

/** A source's message decoder once its codec is settled: the codec's columns plus `key.field`, and its event time. */
export function sourceDecoder(options: KafkaSourceOptions, codec: Codec, reportBadRecord: (record: BadRecord) => void): KafkaMessageDecoder {
  const schema = withKeyColumn(codec.schema, options.keyField);
  return new KafkaMessageDecoder({
    source: options.name,
    topic: options.topic,
    codec,
    schema,
    keyColumn: options.keyField === undefined ? -1 : schema.indexOf(options.keyField),
    eventTime: options.eventTime ? createEventTimeExtractor(schema, options.eventTime) : undefined,
    reportBadRecord,
  });
}

/** The codec's columns, plus the `key.field` column (STRING) when the value has no column of that name. */
function withKeyColumn(valueSchema: Schema, key: string | undefined): Schema {
  if (key === undefined || valueSchema.indexOf(key) !== -1) return valueSchema;
  return new Schema([...valueSchema.fields, field(key, SqlTypes.STRING)]);
}
