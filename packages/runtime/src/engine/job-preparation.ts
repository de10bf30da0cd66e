import { ErrorCodes, VeloError, type BadRecord, type Row, type Schema, type Source } from '@velots/core';
import type { JobPlan, PhysicalNode } from '@velots/planner';
import type { LoadedTable } from '../joins/table-state.js';
import { TableCollector } from '../joins/table-state.js';
import { BadRecordHandler, type DeadLetterTarget } from './bad-record-handler.js';
import type { ConnectorFactory } from './connector-factory.js';
import type { JobInputs } from './job-runner.js';
import { StreamChannel } from './stream-channel.js';
import { scanColumnsRead } from './scan-columns-read.js';
import type { SubqueryCollector } from './subquery-results.js';

/** A job ready to run: its plan, its main source, the sources of its external TABLE inputs, its bad-record handler. */
export interface PreparedJob {
  readonly plan: JobPlan;
  readonly source: Source;
  /** Opened sources of the job's external TABLE inputs (joins), by input name. */
  readonly tableSources: ReadonlyMap<string, Source>;
  readonly badRecords: BadRecordHandler;
}

/** Sources opened while planning, by SourceRequest id, with where their bad records go. */
export type OpenedSources = ReadonlyMap<number, { source: Source; route: { handler?: BadRecordHandler; early: BadRecord[] } }>;

/** A planned job with the sources planning opened for it, its bad records routed to the job's handler. */
export function prepareJob(job: JobPlan, opened: OpenedSources, connectors: ConnectorFactory, warn: (message: string) => void): PreparedJob {
  const sourceIsTopic = /kafka/i.test(job.inputs[0]?.connector?.type ?? '');
  const badRecords = new BadRecordHandler(job.name, job.failureStrategy, deadLetterTarget(job, connectors, warn), warn, sourceIsTopic);
  const sourceOf = (id: number | undefined): Source | undefined => {
    const entry = id === undefined ? undefined : opened.get(id);
    if (!entry) return undefined;
    entry.route.handler = badRecords;
    for (const record of entry.route.early.splice(0)) badRecords.report(record);
    return entry.source;
  };
  const tableSources = new Map<string, Source>();
  for (const input of job.inputs.slice(1)) {
    const source = sourceOf(input.sourceId);
    if (!source) continue;
    // A table joined twice is read once, through the source opened first; the other is closed unread.
    if (tableSources.has(input.name)) void source.close().catch(() => undefined);
    else tableSources.set(input.name, source);
  }
  const source = sourceOf(job.inputs[0]?.sourceId);
  if (source?.readColumns) {
    const read = scanColumnsRead(job);
    if (read) source.readColumns(read);
  }
  return { plan: job, source: source ?? placeholderFor(job), tableSources, badRecords };
}

/** Every job an app statement runs: the jobs its job needs (UNION branches, subqueries) first. */
export function jobsOf(job: JobPlan): JobPlan[] {
  return [...job.branches.flatMap(jobsOf), job];
}

/**
 * What a job needs before its first batch: every TABLE it joins (external ones read whole, bad records
 * going to the job's handler; in-process ones when their job ends) and the rows of its subqueries.
 */
export async function prepareInputs(
  job: PreparedJob,
  collectors: { readonly tables: ReadonlyMap<string, TableCollector>; readonly subqueries: ReadonlyMap<string, SubqueryCollector> },
): Promise<JobInputs> {
  const subqueries = new Map<string, readonly Row[]>();
  for (const [stream, collector] of collectors.subqueries) subqueries.set(stream, await collector.complete);
  const tables = new Map<string, LoadedTable>();
  for (const input of job.plan.inputs.slice(1)) {
    // A table joined twice (`JOIN dim a … JOIN dim b …`) is read once: its source is spent after the first read.
    if (input.role === 'stream' || tables.has(input.name)) continue;
    const collector = collectors.tables.get(input.name);
    if (collector) {
      tables.set(input.name, await collector.complete);
      continue;
    }
    const source = job.tableSources.get(input.name);
    if (!source) throw new VeloError(ErrorCodes.INTERNAL, `no source was opened for table '${input.name}'`);
    const reader = new TableCollector(input.schema, input.keyColumns, input.keepsEveryRow === true);
    for (let read = await source.next(job.plan.batchSize); read; read = await source.next(job.plan.batchSize)) {
      reader.add(read.batch);
      await job.badRecords.flush();
    }
    tables.set(input.name, reader.result());
  }
  return { tables, subqueries };
}

/** The schema of the records a windowed aggregate reads (what its late records look like). */
export function aggregateInputSchema(node: PhysicalNode): Schema | undefined {
  if (node.kind === 'Aggregate') return node.input.schema;
  return node.kind === 'Scan' ? undefined : aggregateInputSchema(node.input);
}

/** A job fed by another job: its real input is a StreamChannel made at run time. */
function placeholderFor(job: JobPlan): Source {
  return new StreamChannel(job.inputs[0]?.name ?? job.name, job.inputs[0]?.schema ?? job.schema);
}

function deadLetterTarget(job: JobPlan, connectors: ConnectorFactory, warn: (message: string) => void): DeadLetterTarget | undefined {
  // `retry` falls back to the dead-letter sink for records that no retry can fix, when one is configured.
  if (job.failureStrategy === 'retry' && !job.deadLetter && job.properties['dead.letter.queue.topic'] === undefined) return undefined;
  if (job.failureStrategy !== 'dead_letter' && job.failureStrategy !== 'retry') return undefined;
  if (job.deadLetter) return connectors.deadLetter(job.deadLetter);
  const topic = job.properties['dead.letter.queue.topic'];
  const enabled = (job.properties['dead.letter.queue.enabled'] ?? 'true').trim().toLowerCase() !== 'false';
  const source = job.inputs[0]?.connector;
  if (topic && enabled && source) {
    const target = connectors.deadLetterTopic(source, topic);
    if (target) return target;
    warn(`job '${job.name}': 'dead.letter.queue.topic' needs a source with a matching sink type ('${source.type}' has none); dead letters go to stderr`);
  }
  // No dead-letter sink configured: keep every record visible on stderr rather than lose it.
  return {
    write: async (records) => {
      for (const record of records) {
        warn(`dead letter (job '${job.name}'): ${JSON.stringify({ reason: record.error.message, code: record.error.code, location: record.location, raw: typeof record.raw === 'string' ? record.raw : Buffer.from(record.raw).toString('base64') })}`);
      }
    },
  };
}

