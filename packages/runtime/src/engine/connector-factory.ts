import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { VeloError, type BadRecord, type ConnectorHealth, type Sink, type Source } from '@velots/core';
import { SINGLE_ROW, type ConnectorBinding, type JobPlan, type SourceRequest } from '@velots/planner';
import { ConnectorProperties, DeadLetterWriter, sourceBatching, IterableSource, createSink, createSource, hasSinkType, type ConnectorStats } from '../connectors/index.js';
import type { DeadLetterTarget } from './bad-record-handler.js';
import { isTransactional, transactionalIdOf } from './transactional-mode.js';

/** A source given by an embedding program: a Source, or any (async) iterable of plain objects. */
export type ProvidedSource = Source | Iterable<Record<string, unknown>> | AsyncIterable<Record<string, unknown>>;

interface FactoryOptions {
  /** The job's id (`<app>/<name>` in a server), from which a transactional sink's id derives; default the job's name. */
  readonly jobId?: ((job: JobPlan) => string) | undefined;
  readonly file?: string | undefined;
  readonly baseDir?: string | undefined;
  readonly sources?: Readonly<Record<string, ProvidedSource>> | undefined;
  readonly sinks?: Readonly<Record<string, Sink>> | undefined;
  readonly warn?: ((message: string) => void) | undefined;
  /** Every connector `path` must resolve inside this directory. */
  readonly allowedRoot?: string | undefined;
}

/** The code of a connector path outside the allowed root. */
export const PATH_OUTSIDE_ROOT = 'PATH_OUTSIDE_ROOT';

function isSource(value: ProvidedSource): value is Source {
  return typeof (value as Source).open === 'function' && typeof (value as Source).next === 'function';
}

function hasStats(value: unknown): value is { stats(): ConnectorStats } {
  return typeof (value as { stats?: unknown }).stats === 'function';
}

/** Source keys that configure how values are decoded (format, schemas, registry), not the client. */
const VALUE_FORMAT_KEY = /^(?:format|value\.|key\.|schema(?:\.|$)|registry\.|avro\.|protobuf\.)/i;

/**
 * Makes the engine's connectors: provided objects first, then the registry by `'<name>.type'`.
 * Relative paths resolve against the .sql file's directory (or `baseDir`, or the working directory).
 */
export class ConnectorFactory {
  readonly baseDir: string;
  private readonly made: { readonly role: 'source' | 'sink'; readonly name: string; readonly connector: unknown }[] = [];
  private readonly deadLetters = new Map<string, DeadLetterWriter>();

  constructor(private readonly options: FactoryOptions) {
    this.baseDir = options.baseDir ?? (options.file && options.file !== '-' ? dirname(resolve(options.file)) : process.cwd());
  }

  /** A new reader for a FROM input. */
  source(request: SourceRequest): Source {
    const provided = this.options.sources?.[request.name];
    let source: Source;
    if (request.connector.type === SINGLE_ROW) {
      source = new IterableSource({ name: request.name, items: [{}] });
    } else if (provided !== undefined) {
      source = isSource(provided) ? provided : this.iterableSource(request, provided);
    } else {
      const { connector } = request;
      this.checkPath(connector.name, connector.properties);
      const created = createSource(connector.type, { name: connector.name, properties: connector.properties, baseDir: this.baseDir, schema: request.declaredSchema, readerJob: request.readerJob });
      for (const warning of created.warnings) this.options.warn?.(warning);
      source = created.connector;
    }
    this.made.push({ role: 'source', name: request.name, connector: source });
    return source;
  }

  /** An in-memory source for a provided iterable, with the batch options its WITH gives it (`'<name>.batch.size'`, `'<name>.batch.linger'`). */
  private iterableSource(request: SourceRequest, items: Exclude<ProvidedSource, Source>): IterableSource {
    const props = new ConnectorProperties(`source '${request.name}'`, request.name, request.connector.properties);
    return new IterableSource({
      name: request.name,
      items,
      schema: request.declaredSchema,
      ...sourceBatching(props),
      inferRows: props.integer('infer.rows', 100),
    });
  }

  /**
   * The sink of a job: a provided one by name, else the configured connector, else undefined. A job `resuming` from a
   * checkpoint keeps what its file sink holds (`append`): the output written before the restart stays.
   */
  sink(job: JobPlan, resuming = false): Sink | undefined {
    const name = job.sink?.name ?? job.output;
    const provided = name === undefined ? undefined : this.options.sinks?.[name];
    if (provided) return this.track(name as string, provided);
    if (!job.sink) return undefined;
    const transactionalId = isTransactional(job) ? transactionalIdOf(this.options.jobId?.(job) ?? job.name, job.sink.name) : undefined;
    const binding = resuming && job.sink.type.toLowerCase() === 'file_sink' ? { ...job.sink, properties: { ...job.sink.properties, append: 'true' } } : job.sink;
    return this.track(job.sink.name, this.configuredSink(binding, job.primaryKey, transactionalId));
  }

  /** The late-data sink of a job (`'<source>.late.sink'`). */
  lateSink(binding: ConnectorBinding): Sink {
    return this.track(binding.name, this.options.sinks?.[binding.name] ?? this.configuredSink(binding));
  }

  /** The dead-letter writer for a configured DLQ sink, shared by the jobs that name it. */
  deadLetter(binding: ConnectorBinding): DeadLetterTarget {
    let writer = this.deadLetters.get(binding.name);
    if (!writer) {
      writer = new DeadLetterWriter(this.configuredSink(binding));
      this.deadLetters.set(binding.name, writer);
    }
    const target = writer;
    return { write: (records: readonly BadRecord[]) => target.write(records) };
  }

  /**
   * The dead-letter writer for `'dead.letter.queue.topic'`: a sink of the source's own system (a `kafka_source`
   * gets a `kafka_sink` with the same client properties) writing to that topic; undefined when the source's
   * system has no sink type.
   */
  deadLetterTopic(source: ConnectorBinding, topic: string): DeadLetterTarget | undefined {
    const type = source.type.replace(/_source$/i, '_sink');
    if (type === source.type || !hasSinkType(type)) return undefined;
    const name = `${source.name}_dead_letters`;
    let writer = this.deadLetters.get(name);
    if (!writer) {
      // The source's client keys reach the broker; its value format does not apply: a dead letter keeps the
      // original bytes (an Avro or Protobuf source must not make the sink derive and register a schema).
      // The source's other keys (group…) mean nothing to the sink: its unknown-key warnings are not shown.
      const clientKeys = Object.entries(source.properties).filter(([key]) => !VALUE_FORMAT_KEY.test(key));
      const properties = { ...Object.fromEntries(clientKeys), topic, 'topic.name': topic };
      writer = new DeadLetterWriter(createSink(type, { name, properties, baseDir: this.baseDir }).connector);
      this.deadLetters.set(name, writer);
    }
    const target = writer;
    return { write: (records: readonly BadRecord[]) => target.write(records) };
  }

  async closeDeadLetters(): Promise<void> {
    await Promise.all([...this.deadLetters.values()].map((w) => w.close()));
  }

  /** Counters of every connector made so far, and whether it reaches its external system when it can tell (Kafka). */
  stats(): { role: 'source' | 'sink'; name: string; stats: ConnectorStats; health?: ConnectorHealth }[] {
    return this.made
      .filter((m) => hasStats(m.connector))
      .map((m) => {
        const connector = m.connector as { stats(): ConnectorStats; health?: () => ConnectorHealth };
        return { role: m.role, name: m.name, stats: connector.stats(), ...(typeof connector.health === 'function' ? { health: connector.health() } : {}) };
      });
  }

  /** Refuses a job whose sink, late-data sink or dead-letter sink writes outside `allowedRoot` (checked when the app is planned). */
  checkSinkPaths(job: JobPlan): void {
    for (const binding of [job.sink, job.lateSink, job.deadLetter]) if (binding) this.checkPath(binding.name, binding.properties);
  }

  /** Refuses a `path` (or glob) that leaves `allowedRoot`, before anything is opened. */
  private checkPath(name: string, properties: Readonly<Record<string, string>>): void {
    const root = this.options.allowedRoot;
    const path = properties['path'];
    if (root === undefined || path === undefined) return;
    const fromRoot = relative(resolve(root), resolve(this.baseDir, path));
    if (fromRoot.split(sep)[0] === '..' || isAbsolute(fromRoot)) {
      throw new VeloError(PATH_OUTSIDE_ROOT, `the path '${path}' of '${name}' leaves the apps folder ${resolve(root)}`, { details: { connector: name, path } });
    }
  }

  private configuredSink(binding: ConnectorBinding, keyColumns?: readonly string[], transactionalId?: string): Sink {
    this.checkPath(binding.name, binding.properties);
    const created = createSink(binding.type, { name: binding.name, properties: binding.properties, baseDir: this.baseDir, keyColumns, transactionalId });
    for (const warning of created.warnings) this.options.warn?.(warning);
    return created.connector;
  }

  private track(name: string, sink: Sink): Sink {
    this.made.push({ role: 'sink', name, connector: sink });
    return sink;
  }
}
