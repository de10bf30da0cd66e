import { ErrorCodes, VeloError, batchSize, isVeloError, type BadRecord, type TraceContext, type RecordBatch, type Sink, type Source, type SourceBatch, type SourcePosition } from '@velots/core';
import type { Operator, RecordFailure } from '../operators/operator.js';
import type { BadRecordCounts } from './bad-record-handler.js';
import { withSubqueryResults } from './subquery-results.js';
import { COMMIT_INTERVAL_MS, emitsAtOnce } from './commit-policy.js';
import { transactionalSink } from './transactional-mode.js';
import { JobMetrics } from './job-metrics.js';
import { PauseGate } from './pause-gate.js';
import { ProfileCounters, type JobProfile } from './job-profile.js';
import { batchTraceParent, continueTraces } from './trace-headers.js';
import { buildJobOperators, disposeOperators, threadsOf } from '../parallel/job-operators.js';
import { buildOperators } from './operator-chain.js';
import { planSourceSplit, runPartialSplit, type PlannedSourceSplit } from '../parallel/source-split-run.js';
import { OrderedShareSource } from '../parallel/ordered-share-source.js';
import { SinkDelivery } from './sink-delivery.js';
import { AT_BARRIER, CheckpointBarrier } from './checkpoint-barrier.js';
import { acknowledgeDelivery } from './stream-channel.js';
import { CheckpointMetrics } from './checkpoint-metrics.js';
import type { JobCheckpoint, SourceCheckpoint } from '../checkpoint/job-checkpoint.js';
import type { StateValue } from '@velots/core';

/** How long an unbounded input may be silent before operators close windows on processing time. */
const IDLE_TICK_MS = 250;
/**
 * The longest a job runs batches without giving timers and I/O a turn: a source whose reads resolve at once (an
 * in-memory iterable, an unpaced generator) would otherwise starve the process's HTTP server, idle ticks and stop
 * requests for as long as it has input.
 */
const YIELD_EVERY_MS = 10;
const IDLE = Symbol('idle');

/** Resolves with IDLE after `ms` (the timer does not keep the process alive). */
function idleTick(ms: number): Promise<typeof IDLE> {
  return new Promise((resolve) => setTimeout(resolve, ms, IDLE).unref());
}

import type { JobStats, JobWiring, JobCheckpointing, CheckpointStatus, RunnerCheckpoint } from './job-wiring.js';
export type { JobInputs, StreamConsumer, JobStats, JobWiring, ExternalInput, JobCheckpointing, CheckpointStatus, RunnerCheckpoint } from './job-wiring.js';

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
  private readonly barrier = new CheckpointBarrier();
  /** Where the loop is: before its first read, reading batches, ending (final emits, flushes), or done. */
  private phase: 'preparing' | 'reading' | 'ending' | 'done' = 'preparing';
  private readonly completion: Promise<void>;
  private complete: () => void = () => undefined;
  /** The position after the last batch fully processed, per member of the job's input. */
  private readonly inputPositions = new Map<number, SourcePosition>();
  private readonly checkpointMetrics: CheckpointMetrics | undefined;
  private lastCheckpoint: CheckpointStatus['lastCheckpoint'];
  private readonly restores: CheckpointStatus['restores'][number][] = [];
  /** The workers' batches, when they read the source in shares for the job (see OrderedShareSource). */
  private sharedReader: OrderedShareSource | undefined;
  /** An error the checkpoint coordinator failed the job with (a transaction that did not commit). */
  private imposedFailure: VeloError | undefined;
  /** Writes to the job's sink, with what happens to rows it cannot take. */
  private readonly delivery: SinkDelivery | undefined;

  constructor(private readonly wiring: JobWiring) {
    this.stats = { name: wiring.plan.name, recordsIn: 0, recordsOut: 0, lateRecords: 0, batches: 0, state: 'planned' };
    this.signal = AbortSignal.any([wiring.signal, this.stopper.signal]);
    const source = wiring.plan.inputs[0]?.name ?? wiring.source.name;
    this.metrics = new JobMetrics(wiring.telemetry, wiring.jobId ?? wiring.plan.name, source, wiring.sink?.name ?? wiring.plan.output ?? 'result');
    this.delivery = wiring.sink ? new SinkDelivery(wiring.sink, wiring.plan.schema, wiring.plan, wiring.telemetry, wiring.badRecords, this.metrics.labels.job) : undefined;
    this.completion = new Promise<void>((resolve) => (this.complete = resolve));
    this.checkpointMetrics = wiring.checkpointing ? new CheckpointMetrics(wiring.telemetry, this.metrics.labels) : undefined;
  }

  /** The last checkpoint this job took part in and the restores it went through. */
  checkpointStatus(): CheckpointStatus {
    return { lastCheckpoint: this.lastCheckpoint, restores: this.restores };
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
    const checkpointing = this.wiring.checkpointing;
    // With checkpoints the coordinator commits (durable checkpoints only); without, the job commits as it goes.
    const commitsWhileRunning = !checkpointing && !source.bounded && emitsAtOnce(plan.root);
    const restored = checkpointing?.restore;
    if (restored?.checkpoint.status === 'finished') return this.skipFinished(restored);
    let lastCommit = Date.now();
    try {
      this.committer = this.wiring.transactional ? transactionalSink(plan, source, sink, this.wiring.lateSink, checkpointing !== undefined) : undefined;
      const inputs = await this.wiring.prepare();
      const inputCount = inputCountOf(source);
      const workers = this.wiring.workers ?? 1;
      // Decided before reading: workers read shares of the source, split the GROUP BY by key, or one thread runs it.
      const { split, reason } = workers > 1 ? await planSourceSplit(plan, source, workers, checkpointing !== undefined) : {};
      this.operators = split
        ? buildOperators(withSubqueryResults(split.plan.coordinator, inputs.subqueries), this.wiring.clock, true, inputs.tables, inputs.subqueries)
        : buildJobOperators(withSubqueryResults(plan.root, inputs.subqueries), this.wiring.clock, source.bounded, inputs.tables, inputs.subqueries, inputCount, workers);
      // Shown in the job's status when it asked for more than one thread.
      if (workers > 1) this.stats.threads = split ? { mode: 'shares', workers: split.workers } : threadsOf(this.operators, workers, plan.root, reason);
      // Columnar batches only where the first operator reads them; every other operator sees rows.
      if (!split && this.operators[0]?.readsColumns === true) source.deliverColumns?.();
      if (restored) await this.restoreFrom(restored);
      this.phase = 'reading';
      let caughtUp = false;
      let someCaughtUp = false;
      const failures: RecordFailure[] = [];
      // Partial aggregates: the workers read the whole source, the loop below has nothing left to read.
      if (split?.plan.mode === 'partial') await this.aggregateInShares(split);
      const reader = split?.plan.mode === 'ordered' ? (this.sharedReader = new OrderedShareSource(split, plan, this.wiring.batchSize, this.reportShareFailures, signal)) : source;
      let pending: Promise<SourceBatch | undefined> | undefined;
      let lastYield = performance.now();
      while (!signal.aborted && split?.plan.mode !== 'partial') {
        if (performance.now() - lastYield >= YIELD_EVERY_MS) {
          await new Promise((resolve) => setImmediate(resolve));
          lastYield = performance.now();
          if (signal.aborted) break;
        }
        if (checkpointing) {
          // Between two batches: where the app's checkpoints find the job.
          await this.barrier.arrive();
          if (this.imposedFailure) throw this.imposedFailure;
          if (signal.aborted) break;
        }
        if (this.pauseGate.closed) {
          this.stats.state = 'paused';
          if (checkpointing) {
            if ((await this.barrier.wait(this.pauseGate.passed())) === AT_BARRIER) continue;
          } else await this.pauseGate.passed();
          if (signal.aborted) break;
          this.stats.state = 'running';
        }
        if (!pending) {
          pending = reader.next(this.wiring.batchSize);
          // Handled here too, so a read abandoned when the job stops cannot become an unhandled rejection.
          pending.catch(() => undefined);
        }
        // An input that may stay silent (unbounded, or caught up like a quiet stdin): every IDLE_TICK_MS the
        // operators get to close what processing time closed (their idle timeouts decide whether it does).
        const waitStarted = process.hrtime.bigint();
        const reading: Promise<SourceBatch | undefined | typeof IDLE> = source.bounded && !caughtUp && !someCaughtUp ? pending : Promise.race([pending, idleTick(IDLE_TICK_MS)]);
        // A checkpoint interrupts a wait for input: the read stays pending and is processed after it.
        const read = checkpointing ? await this.barrier.wait(reading) : await reading;
        const batchStarted = process.hrtime.bigint();
        this.counters.sourceWaitNanos += Number(batchStarted - waitStarted);
        if (read === AT_BARRIER) continue;
        if (read === IDLE) {
          await this.idle(failures);
          // Rows an asynchronous sink gave up on while no input came go to the failure strategy now.
          if (await this.delivery?.collectUndelivered()) this.metrics.badRecords(this.wiring.badRecords.counts);
          continue;
        }
        pending = undefined;
        if (read === undefined) break;
        caughtUp = read.caughtUp === true;
        this.currentInput = read.input ?? 0;
        this.currentCaughtUp = caughtUp;
        someCaughtUp = (read.caughtUpPartitions?.length ?? 0) > 0;
        const now = this.wiring.clock.now();
        for (const operator of this.operators) operator.readFrom?.(read.input ?? 0, caughtUp, now, read.caughtUpPartitions, read.partitions);
        if (read.inputEnded === true) {
          for (const operator of this.operators) operator.endInput?.(read.input ?? 0);
          await this.idle(failures);
          continue;
        }
        position = read.position;
        this.inputPositions.set(read.input ?? 0, read.position);
        this.stats.batches++;
        const records = batchSize(read.batch);
        this.stats.recordsIn += records;
        this.metrics.recordsIn(records);
        this.counters.observeBatch(read.batch, read.watermark);
        const span = this.wiring.telemetry.startSpan(
          'velo.batch.process',
          { 'velo.job': this.metrics.labels.job, 'messaging.operation.type': 'process', 'messaging.batch.message_count': records, 'messaging.destination.name': this.metrics.inLabels.source },
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
        acknowledgeDelivery(read);
        if (this.operators.some((o) => o.finished)) break;
        // A caught-up input commits at once: no next batch may come for a long time, and a transactional sink's
        // output stays invisible (read_committed) until its transaction commits.
        if (commitsWhileRunning && (read.caughtUp === true || Date.now() - lastCommit >= COMMIT_INTERVAL_MS)) {
          await this.commitAcknowledged(position);
          lastCommit = Date.now();
        }
      }
      this.phase = 'ending';
      // Counted as the workers read them (their filters ran before the job saw the batches).
      if (this.sharedReader) this.stats.recordsIn = this.sharedReader.recordsRead;
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
      await this.delivery?.flush();
      this.metrics.badRecords(this.wiring.badRecords.counts);
      if (this.wiring.lateSink) await this.wiring.lateSink.flush();
      // A job stopped with records in open windows commits nothing: a restart reads them again. With checkpoints,
      // the app's final checkpoint commits.
      if (!checkpointing && position !== undefined && (!signal.aborted || emitsAtOnce(plan.root))) await this.commit(position);
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
      await this.sharedReader?.stop();
      disposeOperators(this.operators);
      this.phase = 'done';
      this.complete();
    }
    return this.stats;
  }

  /** Applies the failure strategy to the bad and failed records workers reading shares of the source met. */
  private readonly reportShareFailures = async (bad: readonly BadRecord[], failures: readonly RecordFailure[]): Promise<void> => {
    const { badRecords, plan } = this.wiring;
    for (const record of bad) badRecords.report(record);
    if (failures.length > 0) badRecords.addOperatorFailures(failures, plan.inputs[0]?.name ?? plan.name);
    try {
      await badRecords.flush();
    } finally {
      this.metrics.badRecords(badRecords.counts);
    }
  };

  /** The workers read the source in shares and aggregate them; the job's aggregate (its first operator) gets their merged groups. */
  private async aggregateInShares(split: PlannedSourceSplit): Promise<void> {
    const outcome = await runPartialSplit(split, this.wiring.plan, this.wiring.batchSize, this.reportShareFailures, this.signal);
    this.stats.recordsIn += outcome.records;
    this.stats.batches += outcome.batches;
    this.metrics.recordsIn(outcome.records);
    await this.operators[0]!.restore!(outcome.state);
  }

  /** A job the checkpoint found finished: it has emitted everything, so it only ends its in-process outputs. */
  private skipFinished(restore: NonNullable<JobCheckpointing['restore']>): JobStats {
    const { checkpoint } = restore;
    this.restores.push({ at: this.wiring.clock.now(), checkpointId: restore.id, fellBack: restore.fellBack, reason: restore.reason, durationMs: restore.readMs });
    this.checkpointMetrics?.restored();
    this.applyCounters(checkpoint);
    for (const source of checkpoint.sources) this.setExternalPosition(source);
    for (const channel of this.wiring.downstream) channel.end();
    this.stats.state = 'finished';
    this.phase = 'done';
    this.complete();
    return this.stats;
  }

  private applyCounters(checkpoint: JobCheckpoint): void {
    const { counters, badRecords } = checkpoint;
    this.stats.recordsIn = counters.recordsIn;
    this.stats.recordsOut = counters.recordsOut;
    this.stats.lateRecords = counters.lateRecords;
    this.stats.batches = counters.batches;
    const counts = this.wiring.badRecords.counts;
    counts.total = badRecords.total;
    counts.skipped = badRecords.skipped;
    counts.deadLettered = badRecords.deadLettered;
    counts.byCode = { ...badRecords.byCode };
    // Metrics count this process's work: the restored totals are the baseline, not new errors.
    this.metrics.baselineBadRecords(counts);
    this.counters.maxEventTime = checkpoint.maxEventTime;
  }

  private setExternalPosition(source: SourceCheckpoint): void {
    const input = this.wiring.checkpointing?.externalInputs.find((e) => e.requestId === source.requestId);
    if (input) this.inputPositions.set(input.input, source.position);
  }

  /** Puts the job back where checkpoint `restore` left it: operator states, counters, source positions. */
  private async restoreFrom(restore: NonNullable<JobCheckpointing['restore']>): Promise<void> {
    const { checkpoint } = restore;
    const started = performance.now();
    this.applyCounters(checkpoint);
    for (const source of checkpoint.sources) this.setExternalPosition(source);
    // A job that had not started has no operator state to restore.
    if (checkpoint.status !== 'starting') await this.restoreOperators(restore);
    this.restores.push({ at: this.wiring.clock.now(), checkpointId: restore.id, fellBack: restore.fellBack, reason: restore.reason, durationMs: restore.readMs + performance.now() - started });
    this.checkpointMetrics?.restored();
  }

  private async restoreOperators(restore: NonNullable<JobCheckpointing['restore']>): Promise<void> {
    const { checkpoint } = restore;
    const names = this.operators.map((o) => o.name);
    const saved = checkpoint.operators.map((o) => o.name);
    if (names.length !== saved.length || names.some((name, i) => name !== saved[i])) {
      throw new VeloError(
        ErrorCodes.CHECKPOINT,
        `job '${this.wiring.plan.name}': checkpoint ${restore.id} holds the state of operators [${saved.join(', ')}] but the job runs [${names.join(', ')}]; the query changed since it was taken`,
      );
    }
    for (const [i, operator] of this.operators.entries()) {
      const state = checkpoint.operators[i]!.state;
      if (state === undefined) continue;
      if (!operator.restore) throw new VeloError(ErrorCodes.CHECKPOINT, `job '${this.wiring.plan.name}': operator ${operator.name} cannot restore the state checkpoint ${restore.id} holds`);
      await operator.restore(state);
    }
  }

  /**
   * Brings the job to a batch boundary for a checkpoint: resolves once it waits there (or has not started reading,
   * or has ended), and holds it until `releaseCheckpoint()`.
   */
  reachCheckpointBoundary(): Promise<void> {
    const held = this.barrier.hold();
    if (this.phase === 'preparing' || this.phase === 'done') return Promise.resolve();
    return Promise.race([held, this.completion]);
  }

  releaseCheckpoint(): void {
    this.barrier.release();
  }

  /** Fails the job with `error` at its next batch boundary (the coordinator's transactional commit failed). */
  failWith(error: VeloError): void {
    this.imposedFailure = error;
  }

  /** At a boundary: makes everything the job wrote so far durable (its sinks and late-data sink). */
  async flushForCheckpoint(): Promise<void> {
    if (this.stats.state === 'failed') return;
    await this.wiring.badRecords.flush();
    await this.delivery?.flush();
    if (this.wiring.lateSink) await this.wiring.lateSink.flush();
  }

  /** At a boundary: the job's own part of a checkpoint (operator snapshots, positions, counters). */
  async checkpointState(): Promise<RunnerCheckpoint> {
    const counts = this.wiring.badRecords.counts;
    const badRecords = { total: counts.total, skipped: counts.skipped, deadLettered: counts.deadLettered, byCode: { ...counts.byCode } };
    if (this.phase === 'preparing') {
      // Not reading yet: a restored job still stands where its checkpoint left it; a new one has done nothing.
      const restored = this.wiring.checkpointing?.restore?.checkpoint;
      if (restored) return { status: restored.status, operators: restored.operators, sources: restored.sources, counters: restored.counters, badRecords, maxEventTime: restored.maxEventTime, watermarks: restored.watermarks };
      return { status: 'starting', operators: [], sources: [], counters: { recordsIn: 0, recordsOut: 0, lateRecords: 0, batches: 0 }, badRecords, maxEventTime: undefined, watermarks: [] };
    }
    const operators: { name: string; state: StateValue }[] = [];
    for (const operator of this.operators) operators.push({ name: operator.name, state: operator.snapshot ? await operator.snapshot() : undefined });
    const sources: SourceCheckpoint[] = [];
    for (const input of this.wiring.checkpointing?.externalInputs ?? []) {
      const position = this.inputPositions.get(input.input);
      if (position !== undefined) sources.push({ requestId: input.requestId, name: input.name, position });
    }
    return {
      status: this.stats.state === 'finished' ? 'finished' : 'running',
      operators,
      sources,
      counters: { recordsIn: this.stats.recordsIn, recordsOut: this.stats.recordsOut, lateRecords: this.stats.lateRecords, batches: this.stats.batches },
      badRecords,
      maxEventTime: this.counters.maxEventTime,
      watermarks: this.operators.map((o) => o.currentWatermark?.() ?? null),
    };
  }

  /** After a checkpoint is durable: commits each external source at its position in it (through the transactional sink when there is one). */
  async commitCheckpoint(sources: readonly SourceCheckpoint[]): Promise<void> {
    for (const entry of sources) {
      const input = this.wiring.checkpointing?.externalInputs.find((e) => e.requestId === entry.requestId);
      if (!input) continue;
      if (this.committer) await this.committer.commitWithPosition(entry.position, input.source);
      else await input.source.commit(entry.position);
    }
  }

  /** True when the job commits through a transactional sink (its commit must precede the checkpoint's durability, see docs). */
  get commitsTransactionally(): boolean {
    return this.committer !== undefined;
  }

  /** Records a checkpoint this job took part in. */
  recordCheckpoint(id: number, takenAt: number, bytes: number, durationMs: number): void {
    this.lastCheckpoint = { id, takenAt, bytes, durationMs };
    this.checkpointMetrics?.checkpointed(durationMs / 1000, bytes);
  }

  /** Flushes the sinks, then commits `position`: the source commits only what every sink acknowledged. */
  private async commitAcknowledged(position: SourcePosition): Promise<void> {
    await this.delivery?.flush();
    if (this.wiring.lateSink) await this.wiring.lateSink.flush();
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
    const { plan, downstream, badRecords } = this.wiring;
    let batch = input;
    for (let i = first; i < this.operators.length && batchSize(batch) > 0; i++) {
      const started = process.hrtime.bigint();
      const output = this.operators[i]!.process(batch, failures);
      this.counters.record(i, batchSize(batch), output.rows.length, Number(process.hrtime.bigint() - started));
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
    if (this.delivery) {
      await this.delivery.write(batch, this.batchTrace);
      if (this.delivery.failedCount > 0) this.metrics.badRecords(this.wiring.badRecords.counts);
    }
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
