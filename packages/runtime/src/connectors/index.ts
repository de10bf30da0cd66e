export { createSink, createSource, registerSinkType, registerSourceType } from './registry.js';
export type { Created, SinkConfig, SinkFactory, SourceConfig, SourceFactory } from './registry.js';
export { ConnectorProperties } from './config.js';
export type { ConnectorStats, CountingConnector } from './stats.js';
export { TextRecordSource, type TextInput, type TextRecordSourceOptions, type TextSourcePosition } from './file/text-record-source.js';
export { TextSink, type SinkFormat, type TextSinkOptions } from './file/text-sink.js';
export { FileTextWriter, StreamTextWriter, type TextWriter } from './file/text-writer.js';
export { GeneratorSource, type GeneratorOptions } from './generator/generator-source.js';
export { NexmarkSource, type NexmarkSourceOptions } from './nexmark/nexmark-source.js';
export { NexmarkEvents, type NexmarkEventOptions } from './nexmark/nexmark-events.js';
export { NEXMARK_SCHEMAS, NEXMARK_TABLES, nexmarkEventId, nexmarkTableCount, type NexmarkTable } from './nexmark/nexmark-model.js';
export { DEMO_TRADE_FIELDS, parseFieldSpec, type GeneratedField } from './generator/field-spec.js';
export { IterableSource, inferObjectSchema, toSqlValue, type IterableSourceOptions } from './memory/iterable-source.js';
export { CollectingSink, rowToObject, type CollectingSinkOptions, type RowObject } from './memory/collecting-sink.js';
export { DEAD_LETTER_SCHEMA, DeadLetterWriter } from './dead-letter/dead-letter-writer.js';
export { compileCsvRowEncoder, csvHeaderLine, type CsvRowEncoder } from './csv/csv-encode.js';
// The JSON codec lives in @velots/serde-json; these stay exported here so runtime's API is unchanged.
export { compileJsonRowEncoder, parseJsonExact, JsonSyntaxError, type JsonRowEncoder, type JsonValue } from '@velots/serde-json';
export { createEventTimeExtractor, type EventTimeExtractor, type EventTimeOptions } from '../time/event-time.js';
