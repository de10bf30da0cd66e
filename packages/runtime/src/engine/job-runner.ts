import { ErrorCodes, VeloError, batchSize, isVeloError, type BadRecord, type Source, type SourceBatch, type SourcePosition } from '@velots/core';
import type { RecordFailure } from '../operators/operator.js';
import { withSubqueryResults } from './subquery-results.js';
import { COMMIT_INTERVAL_MS, emitsAtOnce } from './commit-policy.js';
import { transactionalSink } from './transactional-mode.js';
import { PauseGate } from './pause-gate.js';
import { batchTraceParent } from './trace-headers.js';
import { buildJobOperators, disposeOperators, threadsOf } from '../parallel/job-operators.js';
import { buildOperators } from './operator-chain.js';
import { planSourceSplit, runPartialSplit, type PlannedSourceSplit } from '../parallel/source-split-run.js';
import { OrderedShareSource } from '../parallel/ordered-share-source.js';
import { AT_BARRIER } from './checkpoint-barrier.js';
import { acknowledgeDelivery } from './stream-channel.js';
import { JobCheckpointParticipant } from './job-checkpoint-participant.js';

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

import type { JobStats, JobWiring } from './job-wiring.js';
export type { JobInputs, StreamConsumer, JobStats, JobWiring, ExternalInput, JobCheckpointing, CheckpointStatus, RunnerCheckpoint } from './job-wiring.js';

/**
 * Runs one job: reads a batch, pushes it through the compiled operators, writes the result to the
 * sink and to in-process consumers, applies the failure strategy to bad records, and commits the
 * source position once the sink has acknowledged everything before it. One await per batch step.
 */
export class JobRunner extends JobCheckpointParticipant {
  private readonly stopper = new AbortController();
  private readonly signal: AbortSignal;
  private readonly pauseGate = new PauseGate();
  /** The workers' batches, when they read the source in shares for the job (see OrderedShareSource). */
  private sharedReader: OrderedShareSource | undefined;

  constructor(wiring: JobWiring) {
    super(wiring);
    this.signal = AbortSignal.any([wiring.signal, this.stopper.signal]);
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
}

/** How many inputs a job's source merges (a MergedSource's members, a channel fed by a UNION); 1 for others. */
export function inputCountOf(source: Source): number {
  const count = (source as { inputCount?: unknown }).inputCount;
  return typeof count === 'number' && count > 0 ? count : 1;
}
