import { ErrorCodes, VeloError, type Schema, type Sink, type Source } from '@velots/core';
import type { Readable, Writable } from 'node:stream';
import { ConnectorProperties } from './config.js';
import { createFileSink } from './file/file-sink.js';
import { createFileSource } from './file/file-source.js';
import { parseFieldSpec } from './generator/field-spec.js';
import { GeneratorSource } from './generator/generator-source.js';
import { NEXMARK_TABLES, type NexmarkTable } from './nexmark/nexmark-model.js';
import { NexmarkSource } from './nexmark/nexmark-source.js';
import { createStdinSource, createStdoutSink } from './stdio/stdio-connectors.js';

/** What a source factory gets: the connector's name, its properties without the `'<name>.'` prefix, and where relative paths start. */
export interface SourceConfig {
  readonly name: string;
  readonly properties: Readonly<Record<string, string>>;
  readonly baseDir: string;
  /** A declared schema (`CREATE STREAM s (cols)`): values are cast to it. */
  readonly schema?: Schema | undefined;
  /** Replaces process.stdin for `stdin_source` (tests, embedding). */
  readonly stdin?: Readable | undefined;
  /** The job that reads the source, when known: a source whose readers share a position (a Kafka consumer group) keeps jobs apart by it. */
  readonly readerJob?: string | undefined;
}

/** What a sink factory gets. */
export interface SinkConfig {
  readonly name: string;
  readonly properties: Readonly<Record<string, string>>;
  readonly baseDir: string;
  /** Replaces process.stdout for `stdout_sink`. */
  readonly stdout?: Writable | undefined;
  /** The statement's key columns (PRIMARY KEY, else GROUP BY): a keyed sink (Kafka) keys its messages by them. */
  readonly keyColumns?: readonly string[] | undefined;
  /**
   * Set when the sink's job runs in transactional mode: a stable id derived from the job's name, which a
   * transactional sink (Kafka) uses as its transactional id. Sinks without transactions ignore it; the
   * engine refuses such a job when its sink lacks `commitWithPosition`.
   */
  readonly transactionalId?: string | undefined;
}

/** A created connector and the warnings about its configuration (unknown keys). */
export interface Created<T> {
  readonly connector: T;
  readonly warnings: readonly string[];
}

/** Builds a source from its properties; reads them through `props` so unknown keys can be reported. */
export type SourceFactory = (config: SourceConfig, props: ConnectorProperties) => Source;
/** Builds a sink from its properties. */
export type SinkFactory = (config: SinkConfig, props: ConnectorProperties) => Sink;

const sourceFactories = new Map<string, SourceFactory>();
const sinkFactories = new Map<string, SinkFactory>();

/** Registers (or replaces) a source type, e.g. `kafka_source` from @velots/connectors-kafka. */
export function registerSourceType(type: string, factory: SourceFactory): void {
  sourceFactories.set(type.toLowerCase(), factory);
}

/** Registers (or replaces) a sink type. */
export function registerSinkType(type: string, factory: SinkFactory): void {
  sinkFactories.set(type.toLowerCase(), factory);
}

function notSupported(kind: 'source' | 'sink', name: string, type: string): VeloError {
  const lower = type.toLowerCase();
  if (lower === 'kafka_source' || lower === 'kafka_sink') {
    return new VeloError(ErrorCodes.NOT_SUPPORTED, `${kind} '${name}': type '${type}' requires @velots/connectors-kafka`);
  }
  if (lower.startsWith('s3_') || lower.startsWith('database_') || lower === 'iceberg_sink') {
    return new VeloError(ErrorCodes.NOT_SUPPORTED, `${kind} '${name}': type '${type}' is not supported by Velo TS`);
  }
  const known = [...(kind === 'source' ? sourceFactories : sinkFactories).keys()].sort().join(', ');
  return new VeloError(ErrorCodes.CONFIG, `${kind} '${name}': unknown type '${type}' (known: ${known})`);
}

/** Creates a source of a registered type: CONFIG on a bad or missing property, NOT_SUPPORTED on types Velo TS lacks. */
export function createSource(type: string, config: SourceConfig): Created<Source> {
  const factory = sourceFactories.get(type.trim().toLowerCase());
  if (!factory) throw notSupported('source', config.name, type);
  const props = new ConnectorProperties(`source '${config.name}'`, config.name, config.properties);
  const connector = factory(config, props);
  return { connector, warnings: props.unknownKeyWarnings() };
}

/** True when a sink type is registered (e.g. `kafka_sink` once @velots/connectors-kafka registered it). */
export function hasSinkType(type: string): boolean {
  return sinkFactories.has(type.trim().toLowerCase());
}

/** Creates a sink of a registered type. */
export function createSink(type: string, config: SinkConfig): Created<Sink> {
  const factory = sinkFactories.get(type.trim().toLowerCase());
  if (!factory) throw notSupported('sink', config.name, type);
  const props = new ConnectorProperties(`sink '${config.name}'`, config.name, config.properties);
  const connector = factory(config, props);
  return { connector, warnings: props.unknownKeyWarnings() };
}

const fileSource: SourceFactory = (c, p) => createFileSource(c.name, p, c.baseDir, c.schema);
const stdinSource: SourceFactory = (c, p) => createStdinSource(c.name, p, c.schema, c.stdin);
const generatorSource: SourceFactory = (c, p) => {
  const spec = p.text('fields');
  return new GeneratorSource({
    name: c.name,
    fields: spec === undefined ? undefined : parseFieldSpec(spec, `source '${c.name}'`),
    count: p.integer('count'),
    rate: p.positiveNumber('rate'),
    seed: p.integer('seed', 42),
    batchSize: p.integer('batch.size', 1024),
    eventTimeStart: p.integer('event.time.start'),
    eventTimeStep: p.integer('event.time.step', 1),
  });
};

const nexmarkSource: SourceFactory = (c, p) =>
  new NexmarkSource({
    name: c.name,
    table: p.choice<NexmarkTable>('table', NEXMARK_TABLES, 'bid'),
    events: p.integer('events'),
    eventsPerSecond: p.positiveNumber('events.per.second'),
    seed: p.integer('seed', 7),
    batchSize: p.integer('batch.size', 4096),
  });

registerSourceType('file_source', fileSource);
registerSourceType('file_source_mmap', fileSource);
registerSourceType('stdin', stdinSource);
registerSourceType('stdin_source', stdinSource);
registerSourceType('generator', generatorSource);
registerSourceType('generator_source', generatorSource);
registerSourceType('nexmark', nexmarkSource);
registerSourceType('nexmark_source', nexmarkSource);
registerSinkType('file_sink', (c, p) => createFileSink(c.name, p, c.baseDir));
registerSinkType('stdout', (c, p) => createStdoutSink(c.name, p, c.stdout));
registerSinkType('stdout_sink', (c, p) => createStdoutSink(c.name, p, c.stdout));
