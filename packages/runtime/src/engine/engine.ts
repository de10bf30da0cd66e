import {
  ErrorCodes,
  VeloError,
  noopTelemetry,
  systemClock,
  type BadRecord,
  type Schema,
  type Sink,
  type Source,
  type SourceContext,
} from '@velots/core';
import { AppPlanner, DEFAULT_CHECKPOINT_INTERVAL_MS, type JobPlan, type SourceRequest, type StatementPlan } from '@velots/planner';
import { parse, type Script } from '@velots/sql-parser';
import type { BadRecordHandler } from './bad-record-handler.js';
import { ConnectorFactory } from './connector-factory.js';
import { JobRunner, inputCountOf, type JobCheckpointing as JobWiringCheckpointing, type StreamConsumer } from './job-runner.js';
import { aggregateInputSchema, jobsOf, prepareInputs, prepareJob, type OpenedSources, type PreparedJob } from './job-preparation.js';
import { SubqueryCollector } from './subquery-results.js';
import { TableCollector } from '../joins/table-state.js';
import { openSink } from './reopening-sink.js';
import { MergedSource } from './merged-source.js';
import { loadConnectorTypes } from '../connectors/deferred-types.js';
import { isTransactional } from './transactional-mode.js';
import { SidedSource } from '../joins/sided-source.js';
import { StreamChannel } from './stream-channel.js';
import { checkSameJobs, externalInputsOf, readRestorePoint, restoreInProcessInputs, resumePositionFor, type RestorePoint } from './app-restore.js';
import { CheckpointCoordinator, type CoordinatedJob } from './checkpoint-coordinator.js';
import { JobCheckpointStore } from '../checkpoint/checkpoint-store.js';

export { DEFAULT_WORKERS, type EngineCheckpoints, type EngineOptions, type RunSummary } from './engine-options.js';
import { DEFAULT_WORKERS, type EngineOptions, type RunSummary } from './engine-options.js';

/**
 * A loaded app: parsed, planned (sources opened so schemas are known) and ready to run. Jobs run
 * concurrently; a stream one statement defines feeds the statements that read it, in-process.
 */
export class Engine {
  readonly statements: readonly StatementPlan[];
  private readonly abort = new AbortController();
  private readonly runners: JobRunner[] = [];
  private coordinator: CheckpointCoordinator | undefined;
  private running: Promise<RunSummary> | undefined;
  private shuttingDown = false;

  private readonly warn: (message: string) => void;

  private constructor(
    readonly script: Script,
    statements: StatementPlan[],
    private readonly jobs: readonly PreparedJob[],
    private readonly connectors: ConnectorFactory,
    private readonly options: EngineOptions,
    private readonly restorePoint: RestorePoint | undefined,
  ) {
    this.statements = statements;
    this.warn = options.warn ?? ((message: string) => process.stderr.write(`warning: ${message}\n`));
  }

  /** Parses and plans an app. Throws positioned VeloErrors (SQL_SYNTAX, SQL_BIND, CONFIG…). */
  static async load(options: EngineOptions): Promise<Engine> {
    const script = parse(options.sql, { file: options.file });
    const warn = options.warn ?? ((message: string) => process.stderr.write(`warning: ${message}\n`));
    for (const warning of script.warnings) warn(`${options.file ?? '<input>'}:${warning.span.line}:${warning.span.column}: ${warning.message}`);
    const connectors = new ConnectorFactory({ ...options, warn });
    const clock = options.clock ?? systemClock;
    const telemetry = options.telemetry ?? noopTelemetry;
    const abort = new AbortController();
    // With checkpoints, the stored positions are known before planning opens the sources at them.
    const restorePoint = options.checkpoints ? await readRestorePoint(options.checkpoints.dir, warn) : undefined;
    // A source is opened while its statement is planned (its schema is needed to bind names); its bad
    // records are routed to the job's handler, which exists only once planning is done.
    const opened = new Map<number, { source: Source; route: { handler?: BadRecordHandler; early: BadRecord[] } }>() satisfies OpenedSources;
    const planner = new AppPlanner(script, {
      file: options.file,
      baseDir: connectors.baseDir,
      env: options.env,
      providedSources: new Set(Object.keys(options.sources ?? {})),
      providedSinks: new Set(Object.keys(options.sinks ?? {})),
      resolveSource: async (request: SourceRequest): Promise<Schema> => {
        await loadConnectorTypes([request.connector.type]);
        const source = connectors.source(request);
        const route: { handler?: BadRecordHandler; early: BadRecord[] } = { early: [] };
        const context: SourceContext = {
          signal: abort.signal,
          telemetry,
          clock,
          resumeFrom: resumePositionFor(restorePoint, request.id, request.name),
          reportBadRecord: (record) => (route.handler ? route.handler.report(record) : route.early.push(record)),
        };
        const schema = await source.open(context);
        opened.set(request.id, { source, route });
        return schema;
      },
    });
    const statements: StatementPlan[] = [];
    const jobs: PreparedJob[] = [];
    try {
      for (const statement of script.statements) {
        const refused = options.checkStatement?.(statement);
        if (refused) throw refused;
        const plan = await planner.plan(statement);
        statements.push(plan);
        for (const warning of plan.warnings) warn(`${options.file ?? '<input>'}:${statement.span.line}:${statement.span.column}: ${warning}`);
        if (plan.kind !== 'job') continue;
        for (const job of jobsOf(plan.job)) {
          connectors.checkSinkPaths(job);
          await loadConnectorTypes([job.sink, job.lateSink, job.deadLetter].flatMap((binding) => (binding ? [binding.type] : [])));
          jobs.push(prepareJob(job, opened, connectors, warn));
        }
      }
      if (restorePoint) checkSameJobs(restorePoint, jobs.map((j) => j.plan.name));
    } catch (error) {
      await Promise.allSettled([...opened.values()].map((o) => o.source.close()));
      throw error;
    }
    const engine = new Engine(script, statements, jobs, connectors, options, restorePoint);
    engine.abortWith(abort);
    return engine;
  }

  private abortWith(controller: AbortController): void {
    this.abort.signal.addEventListener('abort', () => controller.abort(), { once: true });
  }

  /** The planned jobs. */
  get jobPlans(): readonly JobPlan[] {
    return this.jobs.map((j) => j.plan);
  }

  /** Runs every job to completion (bounded inputs) or until `stop()` / `shutdown()`. Never throws: the summary says what failed. */
  run(): Promise<RunSummary> {
    this.running ??= this.runJobs();
    return this.running;
  }

  private async runJobs(): Promise<RunSummary> {
    const started = Date.now();
    const clock = this.options.clock ?? systemClock;
    const telemetry = this.options.telemetry ?? noopTelemetry;
    const consumers = new Map<string, StreamConsumer[]>();
    const consume = (name: string, consumer: StreamConsumer): void => void consumers.set(name, [...(consumers.get(name) ?? []), consumer]);
    // The channels each job reads, in the order they are made (a checkpoint keeps their queues in that order).
    const channelsOf = this.jobs.map((): StreamChannel[] => []);
    const runners = this.runners;
    const sinks: Sink[] = [];
    let failure: VeloError | undefined;
    try {
      // Wire in-process streams first: a job reading `n` gets a channel fed by the job that defines `n`.
      const sources = this.jobs.map((job, i) => {
        const input = job.plan.inputs[0];
        if (input?.origin !== 'stream') return job.source;
        const channelFor = (name: string): StreamChannel => {
          const channel = new StreamChannel(name, input.schema);
          consume(name, channel);
          channelsOf[i]!.push(channel);
          return channel;
        };
        return input.members ? new MergedSource(input.name, input.schema, input.members.map(channelFor)) : channelFor(input.name);
      }).map((left, i) => {
        // An interval join reads its right stream too: both travel one merged input, tagged by side.
        const job = this.jobs[i]!;
        const right = job.plan.inputs.find((input, k) => k > 0 && input.role === 'stream');
        if (!right) return left;
        const rightSource = right.origin === 'stream' ? new StreamChannel(right.name, right.schema) : job.tableSources.get(right.name);
        if (!rightSource) throw new VeloError(ErrorCodes.INTERNAL, `no source for the joined stream '${right.name}'`);
        if (rightSource instanceof StreamChannel) {
          consume(right.name, rightSource);
          channelsOf[i]!.push(rightSource);
        }
        // Files and generators are read in event-time step; a stream of another job of the app is read as it comes
        // (its pace is that job's, and waiting on one member could hold a job the other needs).
        const external = !(left instanceof StreamChannel) && !(left instanceof MergedSource) && !(rightSource instanceof StreamChannel);
        return new MergedSource(left.name, undefined, [new SidedSource(left, 'left'), new SidedSource(rightSource, 'right')], external);
      });
      // A channel keeps the inputs of the job feeding it apart (a UNION's branches): its consumer's watermark is their minimum.
      for (const [i, job] of this.jobs.entries()) {
        if (job.plan.output === undefined) continue;
        for (const consumer of consumers.get(job.plan.output) ?? []) {
          if (consumer instanceof StreamChannel) consumer.inputCount = inputCountOf(sources[i] as Source);
        }
      }
      // A job joining a CTAS table of the app gets that table once its job has finished; a job with
      // subqueries gets their rows once their jobs have finished.
      const collectors = this.jobs.map((job) => {
        const tables = new Map<string, TableCollector>();
        for (const input of job.plan.inputs.slice(1)) {
          if (input.origin !== 'stream' || input.role === 'stream') continue;
          const collector = new TableCollector(input.schema, input.keyColumns, input.keepsEveryRow === true);
          consume(input.name, collector);
          tables.set(input.name, collector);
        }
        const subqueries = new Map<string, SubqueryCollector>();
        for (const stream of job.plan.subqueries) {
          const collector = new SubqueryCollector();
          consume(stream, collector);
          subqueries.set(stream, collector);
        }
        return { tables, subqueries };
      });
      const restored = this.restorePoint?.checkpoint;
      if (restored) {
        for (const [i, job] of this.jobs.entries()) {
          const checkpoint = restored.jobs.get(job.plan.name);
          if (checkpoint) restoreInProcessInputs(checkpoint, channelsOf[i]!, collectors[i]!.tables, collectors[i]!.subqueries);
        }
      }
      for (const [i, job] of this.jobs.entries()) {
        const made = this.connectors.sink(job.plan, this.restorePoint?.checkpoint?.jobs.has(job.plan.name) === true) ?? (job.plan.output === undefined ? this.options.resultSink?.(job.plan) : undefined);
        const sink = made ? await openSink(made, job.plan.schema, { signal: this.abort.signal, telemetry, clock }, job.plan.failureStrategy, isTransactional(job.plan), this.warn, job.plan.name) : undefined;
        if (sink) sinks.push(sink);
        const lateSink = job.plan.lateSink ? this.connectors.lateSink(job.plan.lateSink) : undefined;
        if (lateSink) {
          await lateSink.open(aggregateInputSchema(job.plan.root) ?? job.plan.schema, { signal: this.abort.signal, telemetry, clock });
          sinks.push(lateSink);
        }
        const observer = this.options.observeOutput?.(job.plan);
        const downstream = job.plan.output ? consumers.get(job.plan.output) ?? [] : [];
        runners.push(
          new JobRunner({
            jobId: this.options.jobId?.(job.plan),
            transactional: isTransactional(job.plan),
            telemetry: this.options.telemetryFor?.(job.plan) ?? telemetry,
            lateSink,
            warn: this.warn,
            plan: job.plan,
            batchSize: this.options.batchSize ?? job.plan.batchSize,
            workers: this.options.workers ?? job.plan.parallelism ?? DEFAULT_WORKERS,
            source: sources[i] as Source,
            sink,
            downstream: observer ? [...downstream, observer] : downstream,
            prepare: () => prepareInputs(job, collectors[i]!),
            badRecords: job.badRecords,
            clock,
            signal: this.abort.signal,
            checkpointing: this.restorePoint ? { externalInputs: externalInputsOf(job), restore: this.jobRestore(job.plan.name) } : undefined,
          }),
        );
      }
      this.coordinator = this.restorePoint ? this.startCheckpoints(channelsOf, collectors) : undefined;
      const results = await Promise.allSettled(
        runners.map((r) =>
          r.run().catch(async (error: unknown) => {
            // A failed job keeps the app's last checkpoint: no checkpoint is taken after a failure.
            await this.coordinator?.close();
            throw error;
          }),
        ),
      );
      const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (rejected) {
        failure = rejected.reason instanceof VeloError ? rejected.reason : new VeloError(ErrorCodes.JOB_FAILED, String(rejected.reason));
        this.abort.abort();
      } else if (this.coordinator && !this.abort.signal.aborted && !this.shuttingDown) {
        // Every job ended on its own (bounded inputs): a last checkpoint records them finished and commits their sources.
        await this.coordinator.checkpoint({ final: true });
      }
      await this.coordinator?.close();
    } catch (error) {
      failure = error instanceof VeloError ? error : new VeloError(ErrorCodes.JOB_FAILED, String(error), { cause: error });
    } finally {
      await Promise.allSettled([...sinks.map((s) => s.close()), this.close(), this.connectors.closeDeadLetters()]);
    }
    const badRecords: Record<string, number> = {};
    for (const job of this.jobs) {
      for (const [code, count] of Object.entries(job.badRecords.counts.byCode)) badRecords[code] = (badRecords[code] ?? 0) + count;
    }
    return { ok: failure === undefined, wallMs: Date.now() - started, jobs: runners.map((r) => r.stats), badRecords, error: failure };
  }

  /** The part of the restored checkpoint for job `name`, with where it came from. */
  private jobRestore(name: string): NonNullable<JobWiringCheckpointing['restore']> | undefined {
    const checkpoint = this.restorePoint?.checkpoint;
    const job = checkpoint?.jobs.get(name);
    return checkpoint && job ? { checkpoint: job, id: checkpoint.id, fellBack: checkpoint.fellBack, reason: checkpoint.reason, readMs: this.restorePoint!.readMs } : undefined;
  }

  /** Starts the periodic checkpoints of the running jobs. */
  private startCheckpoints(
    channelsOf: readonly (readonly StreamChannel[])[],
    collectors: readonly { readonly tables: ReadonlyMap<string, TableCollector>; readonly subqueries: ReadonlyMap<string, SubqueryCollector> }[],
  ): CheckpointCoordinator {
    const restore = this.restorePoint!;
    const jobs: CoordinatedJob[] = this.jobs.map((job, i) => ({
      name: job.plan.name,
      runner: this.runners[i]!,
      store: new JobCheckpointStore(restore.dir, job.plan.name),
      channels: channelsOf[i]!,
      tables: collectors[i]!.tables,
      subqueries: collectors[i]!.subqueries,
    }));
    const intervalMs = this.options.checkpoints?.intervalMs ?? Math.min(...this.jobs.map((j) => j.plan.checkpointIntervalMs));
    const clock = this.options.clock ?? systemClock;
    const coordinator = new CheckpointCoordinator(jobs, {
      intervalMs: Number.isFinite(intervalMs) ? intervalMs : DEFAULT_CHECKPOINT_INTERVAL_MS,
      newestId: restore.newestId,
      restoredId: restore.checkpoint?.id,
      now: () => clock.now(),
      warn: this.warn,
    });
    coordinator.start();
    return coordinator;
  }

  /**
   * Stops the app gracefully: each job stops after its current batch, sinks are flushed, and with checkpoints a
   * final checkpoint is written and sources committed up to it; open windows are not emitted (they carry on after a
   * restart). Resolves when every job has stopped.
   */
  async shutdown(): Promise<void> {
    this.shuttingDown = true;
    const taken = this.coordinator ? await this.coordinator.checkpoint({ final: true }) : false;
    if (!taken) this.stop();
    await this.running;
  }

  /** Closes the sources planning opened (`run` does it at its end; `check` and `explain` plan without running). */
  async close(): Promise<void> {
    await Promise.allSettled(this.jobs.flatMap((j) => [j.source.close(), ...[...j.tableSources.values()].map((t) => t.close())]));
  }

  /** The jobs of a running app (filled as `run()` starts them), to watch, pause, resume or stop one alone. */
  get runningJobs(): readonly JobRunner[] {
    return this.runners;
  }

  /** Stops every job after its current batch, abruptly: no final checkpoint (a restart goes on from the last one). */
  stop(): void {
    void this.coordinator?.close();
    this.abort.abort();
  }

  /** Source and sink counters (records, bytes, bad records), for progress output. */
  connectorStats(): ReturnType<ConnectorFactory['stats']> {
    return this.connectors.stats();
  }
}

/** Loads an app: parse + plan. See `Engine`. */
export function createEngine(options: EngineOptions): Promise<Engine> {
  return Engine.load(options);
}
