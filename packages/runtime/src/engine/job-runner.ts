import { ErrorCodes, VeloError, isVeloError, type TraceContext, type Clock, type RecordBatch, type Row, type Sink, type Source, type SourceBatch, type SourcePosition, type Telemetry } from '@velots/core';
import type { JobPlan } from '@velots/planner';
import type { Operator, RecordFailure } from '../operators/operator.js';
import type { BadRecordCounts, BadRecordHandler } from './bad-record-handler.js';
import { withSubqueryResults } from './subquery-results.js';
import type { LoadedTable } from '../joins/table-state.js';
import { COMMIT_INTERVAL_MS, emitsAtOnce } from './commit-policy.js';
import { transactionalSink } from './transactional-mode.js';
import { JobMetrics } from './job-metrics.js';
import { PauseGate } from './pause-gate.js';
import { ProfileCounters, type JobProfile } from './job-profile.js';
import { batchTraceParent, continueTraces } from './trace-headers.js';
import { buildJobOperators, disposeOperators } from '../parallel/job-operators.js';
import { writeWithRetry } from './sink-write.js';

/** How long an unbounded input may be silent before operators close windows on processing time. */
const IDLE_TICK_MS = 250;
const IDLE = Symbol('idle');

/** Resolves with IDLE after `ms` (the timer does not keep the process alive). */
function idleTick(ms: number): Promise<typeof IDLE> {
  return new Promise((resolve) => setTimeout(resolve, ms, IDLE).unref());
}

/** What a job reads whole before it starts. */
export interface JobInputs {
  readonly tables: ReadonlyMap<string, LoadedTable>;
  /** Rows of each subquery, by its stream. */
  readonly subqueries: ReadonlyMap<string, readonly Row[]>;
}

/** Where a job's output goes in-process: a StreamChannel (a stream another job reads) or a TableCollector. */
export interface StreamConsumer {
  /** A batch of the job's output, from member `input` of the job's input, which was `caughtUp` after the read. */
  push(batch: RecordBatch, input?: number, caughtUp?: boolean): Promise<void>;
  end(): void;
  fail(error: unknown): void;
}

/** What a job did, for progress lines and `--json` summaries. */
export interface JobStats {
  readonly name: string;
  recordsIn: number;
  recordsOut: number;
  /** Records later than the watermark allows (sent to the late-data sink, or dropped). */
  lateRecords: number;
  batches: number;
  state: 'planned' | 'running' | 'paused' | 'finished' | 'failed' | 'stopped';
  /** Epoch ms when the job started running. */
  startedAt?: number | undefined;
  error?: VeloError | undefined;
}

export interface JobWiring {
  readonly plan: JobPlan;
  /** The most records the job asks its source for at once. */
  readonly batchSize: number;
  /** Worker threads for the job's keyed work (1: all on this thread); plans that cannot split run on one anyway. */
  readonly workers?: number | undefined;
  readonly source: Source;
  readonly sink: Sink | undefined;
  /** In-process consumers of this job's output stream. */
  readonly downstream: readonly StreamConsumer[];
  /** Loads what the job needs before its first batch: the TABLEs its joins read and its subqueries' rows. */
  readonly prepare: () => Promise<JobInputs>;
  readonly badRecords: BadRecordHandler;
  readonly clock: Clock;
  readonly signal: AbortSignal;
  readonly telemetry: Telemetry;
  /** Where late records go (`'<source>.late.sink'`), opened; undefined: counted and dropped. */
  readonly lateSink: Sink | undefined;
  readonly warn: (message: string) => void;
  /** The `job` label of its metrics (default: the plan's name); a server uses `<app>/<name>`. */
  readonly jobId?: string | undefined;
  /** Transactional mode: the sink commits the source position with its output (`commitWithPosition`) instead of `source.commit`. */
  readonly transactional?: boolean | undefined;
}

/**
 * Runs one job: reads a batch, pushes it through the compiled operators, writes the result to the
 * sink and to in-process consumers, applies the failure strategy to bad records, and commits the
 * source position once the sink has acknowledged everything before it. One await per batch step.
 */
export class JobRunner {
  readonly stats: JobStats;
  private operators: Operator[] = [];
  private readonly metrics: JobMetrics;
  /** The member of the job's input the batch being pushed came from, and whether it was caught up after it. */
  private currentInput = 0;
  private currentCaughtUp = false;
  private readonly counters = new ProfileCounters(() => this.operators);
  private readonly stopper = new AbortController();
  private readonly signal: AbortSignal;
  private readonly pauseGate = new PauseGate();
  /** The trace context of the batch being processed: the parent of its sink-write spans, injected into traced output records. */
  private batchTrace: TraceContext | undefined;
  /** The sink that commits the source position in transactional mode; undefined: the source commits. */
  private committer: Required<Pick<Sink, 'commitWithPosition'>> | undefined;

  constructor(private readonly wiring: JobWiring) {
    this.stats = { name: wiring.plan.name, recordsIn: 0, recordsOut: 0, lateRecords: 0, batches: 0, state: 'planned' };
    this.signal = AbortSignal.any([wiring.signal, this.stopper.signal]);
    const source = wiring.plan.inputs[0]?.name ?? wiring.source.name;
    this.metrics = new JobMetrics(wiring.telemetry, wiring.jobId ?? wiring.plan.name, source, wiring.sink?.name ?? wiring.plan.output ?? 'result');
  }

  /** Counters of each operator and of waits, read while the job runs. */
  profile(): JobProfile {
    return this.counters.snapshot();
  }

  /** What the failure strategy did with bad records so far (by code, skipped, dead-lettered). */
  badRecordCounts(): Readonly<BadRecordCounts> {
    return this.wiring.badRecords.counts;
  }

  /** Stops this job after its current batch (other jobs go on). */
  stop(): void {
    this.stopper.abort();
    this.pauseGate.open();
  }

  /** Holds the job before its next read until `resume()`; its state is `paused` once it waits there. */
  pause(): void {
    // The state turns `paused` when the loop reaches the gate (after a batch already being read).
    if (this.stats.state === 'running' || this.stats.state === 'planned') this.pauseGate.close();
  }

  resume(): void {
    if (this.stats.state === 'paused') this.stats.state = 'running';
    this.pauseGate.open();
  }

  async run(): Promise<JobStats> {
    const { plan, source, sink, downstream, badRecords } = this.wiring;
    const signal = this.signal;
    this.stats.state = 'running';
    this.stats.startedAt = this.wiring.clock.now();
    signal.addEventListener('abort', () => this.pauseGate.open(), { once: true });
    let position: SourcePosition | undefined;
    const commitsWhileRunning = !source.bounded && emitsAtOnce(plan.root);
    let lastCommit = Date.now();
    try {
      this.committer = this.wiring.transactional ? transactionalSink(plan, source, sink, this.wiring.lateSink) : undefined;
      const inputs = await this.wiring.prepare();
      const inputCount = inputCountOf(source);
      this.operators = buildJobOperators(withSubqueryResults(plan.root, inputs.subqueries), this.wiring.clock, source.bounded, inputs.tables, inputs.subqueries, inputCount, this.wiring.workers ?? 1);
      let caughtUp = false;
      let someCaughtUp = false;
      const failures: RecordFailure[] = [];
      let pending: Promise<SourceBatch | undefined> | undefined;
      while (!signal.aborted) {
        if (this.pauseGate.closed) {
          this.stats.state = 'paused';
          await this.pauseGate.passed();
          if (signal.aborted) break;
          this.stats.state = 'running';
        }
        if (!pending) {
          pending = source.next(this.wiring.batchSize);
          // Handled here too, so a read abandoned when the job stops cannot become an unhandled rejection.
          pending.catch(() => undefined);
        }
        // An input that may stay silent (unbounded, or caught up like a quiet stdin): every IDLE_TICK_MS the
        // operators get to close what processing time closed (their idle timeouts decide whether it does).
        const waitStarted = process.hrtime.bigint();
        const read: SourceBatch | undefined | typeof IDLE = source.bounded && !caughtUp && !someCaughtUp ? await pending : await Promise.race([pending, idleTick(IDLE_TICK_MS)]);
        const batchStarted = process.hrtime.bigint();
        this.counters.sourceWaitNanos += Number(batchStarted - waitStarted);
        if (read === IDLE) {
          await this.idle(failures);
          continue;
        }
        pending = undefined;
        if (read === undefined) break;
        caughtUp = read.caughtUp === true;
        this.currentInput = read.input ?? 0;
        this.currentCaughtUp = caughtUp;
        someCaughtUp = (read.caughtUpPartitions?.length ?? 0) > 0;
        const now = this.wiring.clock.now();
        for (const operator of this.operators) operator.readFrom?.(read.input ?? 0, caughtUp, now, read.caughtUpPartitions);
        if (read.inputEnded === true) {
          for (const operator of this.operators) operator.endInput?.(read.input ?? 0);
          await this.idle(failures);
          continue;
        }
        position = read.position;
        this.stats.batches++;
        this.stats.recordsIn += read.batch.rows.length;
        this.metrics.recordsIn(read.batch.rows.length);
        this.counters.observeBatch(read.batch, read.watermark);
        const span = this.wiring.telemetry.startSpan(
          'velo.batch.process',
          { 'velo.job': this.metrics.labels.job, 'messaging.operation.type': 'process', 'messaging.batch.message_count': read.batch.rows.length, 'messaging.destination.name': this.metrics.inLabels.source },
          batchTraceParent(read.batch),
        );
        this.batchTrace = span.context();
        try {
          await this.push(read.batch, 0, failures);
        } catch (error) {
          span.recordError(error);
          throw error;
        } finally {
          this.batchTrace = undefined;
          span.end();
        }
        this.metrics.batchDone(Number(process.hrtime.bigint() - batchStarted) / 1e9);
        this.metrics.gauges(this.counters.maxEventTime, this.wiring.clock.now(), this.operators);
        if (read.caughtUp === true) await this.caughtUp(failures);
        if (this.operators.some((o) => o.finished)) break;
        if (commitsWhileRunning && Date.now() - lastCommit >= COMMIT_INTERVAL_MS) {
          await this.commitAcknowledged(position);
          lastCommit = Date.now();
        }
      }
      // End of input: operators that hold rows (a full ORDER BY) emit them through the rest of the chain.
      if (!signal.aborted) {
        for (let i = 0; i < this.operators.length; i++) {
          const held = this.operators[i]!.finish?.(failures);
          if (held) this.counters.record(i, 0, held.rows.length, 0);
          // push() reports the failures, also when nothing is left to emit.
          await this.push(held ?? { schema: plan.schema, rows: [], eventTimes: [] }, i + 1, failures);
        }
      }
      await badRecords.flush();
      await this.handleLate();
      this.metrics.badRecords(this.wiring.badRecords.counts);
      if (sink) await sink.flush();
      if (this.wiring.lateSink) await this.wiring.lateSink.flush();
      // A job stopped with records in open windows commits nothing: a restart reads them again.
      if (position !== undefined && (!signal.aborted || emitsAtOnce(plan.root))) await this.commit(position);
      for (const channel of downstream) channel.end();
      this.metrics.gauges(this.counters.maxEventTime, this.wiring.clock.now(), this.operators);
      this.stats.state = signal.aborted ? 'stopped' : 'finished';
    } catch (error) {
      const failure = isVeloError(error)
        ? error
        : new VeloError(ErrorCodes.JOB_FAILED, `job '${plan.name}' failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      this.metrics.badRecords(this.wiring.badRecords.counts);
      this.stats.state = 'failed';
      this.stats.error = failure;
      for (const channel of downstream) channel.fail(failure);
      throw failure;
    } finally {
      disposeOperators(this.operators);
    }
    return this.stats;
  }

  /** Flushes the sinks, then commits `position`: the source commits only what every sink acknowledged. */
  private async commitAcknowledged(position: SourcePosition): Promise<void> {
    const { sink, lateSink } = this.wiring;
    if (sink) await sink.flush();
    if (lateSink) await lateSink.flush();
    await this.commit(position);
  }

  /** Commits `position`: through the transactional sink (its output and the offsets at once), else the source. */
  private async commit(position: SourcePosition): Promise<void> {
    if (this.committer) await this.committer.commitWithPosition(position, this.wiring.source);
    else await this.wiring.source.commit(position);
  }

  /** The input has caught up: EMIT CHANGES operators emit what changed, through the rest of the chain. */
  private async caughtUp(failures: RecordFailure[]): Promise<void> {
    for (let i = 0; i < this.operators.length; i++) {
      const changes = this.operators[i]!.emitChanges?.();
      if (!changes || changes.rows.length === 0) continue;
      this.counters.record(i, 0, changes.rows.length, 0);
      await this.push(changes, i + 1, failures);
    }
  }

  /** Lets each operator emit what processing-time progress closed, through the rest of the chain. */
  private async idle(failures: RecordFailure[]): Promise<void> {
    for (let i = 0; i < this.operators.length; i++) {
      const closed = this.operators[i]!.onIdle?.();
      if (!closed || closed.rows.length === 0) continue;
      this.counters.record(i, 0, closed.rows.length, 0);
      await this.push(closed, i + 1, failures);
    }
  }

  /** Runs `batch` through the operators from `first` on, then writes what comes out. */
  private async push(input: RecordBatch, first: number, failures: RecordFailure[]): Promise<void> {
    const { plan, sink, downstream, badRecords } = this.wiring;
    let batch = input;
    for (let i = first; i < this.operators.length && batch.rows.length > 0; i++) {
      const started = process.hrtime.bigint();
      const output = this.operators[i]!.process(batch, failures);
      this.counters.record(i, batch.rows.length, output.rows.length, Number(process.hrtime.bigint() - started));
      batch = output;
    }
    if (failures.length > 0) {
      badRecords.addOperatorFailures(failures, plan.inputs[0]?.name ?? plan.name);
      failures.length = 0;
    }
    try {
      await badRecords.flush();
    } finally {
      this.metrics.badRecords(this.wiring.badRecords.counts);
    }
    await this.handleLate();
    if (batch.rows.length === 0) return;
    this.stats.recordsOut += batch.rows.length;
    this.metrics.recordsOut(batch.rows.length);
    if (this.batchTrace && batch.headers) batch = continueTraces(batch, this.batchTrace);
    const waitStarted = process.hrtime.bigint();
    if (sink) await writeWithRetry(sink, batch, this.wiring.plan, this.wiring.telemetry, this.metrics.labels.job, this.batchTrace);
    for (const channel of downstream) await channel.push(batch, this.currentInput, this.currentCaughtUp);
    this.counters.backpressureNanos += Number(process.hrtime.bigint() - waitStarted);
  }

  /** Late records of the window operators: to the late-data sink when configured, else counted (and logged once). */
  private async handleLate(): Promise<void> {
    for (const operator of this.operators) {
      const late = operator.drainLate?.();
      if (!late || late.rows.length === 0) continue;
      if (this.stats.lateRecords === 0 && !this.wiring.lateSink) {
        this.wiring.warn(`job '${this.wiring.plan.name}': records later than the watermark allows are counted in velo_late_records_total and dropped (set '<source>.late.sink' to keep them)`);
      }
      this.stats.lateRecords += late.rows.length;
      this.metrics.late(late.rows.length);
      if (this.wiring.lateSink) await this.wiring.lateSink.write(late);
    }
  }
}

/** How many inputs a job's source merges (a MergedSource's members, a channel fed by a UNION); 1 for others. */
export function inputCountOf(source: Source): number {
  const count = (source as { inputCount?: unknown }).inputCount;
  return typeof count === 'number' && count > 0 ? count : 1;
}
