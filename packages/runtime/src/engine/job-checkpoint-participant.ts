import { ErrorCodes, VeloError, type SourcePosition, type StateValue } from '@velots/core';
import { CheckpointBarrier } from './checkpoint-barrier.js';
import { CheckpointMetrics } from './checkpoint-metrics.js';
import type { JobCheckpoint, SourceCheckpoint } from '../checkpoint/job-checkpoint.js';
import { JobBatchPipeline } from './job-batch-pipeline.js';
import type { JobStats, JobWiring, JobCheckpointing, CheckpointStatus, RunnerCheckpoint } from './job-wiring.js';

/**
 * The checkpoint half of a JobRunner: restores operator states, counters and positions from a checkpoint, holds the
 * job at a batch boundary for the coordinator, and hands it the job's part of a checkpoint.
 */
export abstract class JobCheckpointParticipant extends JobBatchPipeline {
  protected readonly barrier = new CheckpointBarrier();
  /** Where the loop is: before its first read, reading batches, ending (final emits, flushes), or done. */
  protected phase: 'preparing' | 'reading' | 'ending' | 'done' = 'preparing';
  protected readonly completion: Promise<void>;
  protected complete: () => void = () => undefined;
  /** The position after the last batch fully processed, per member of the job's input. */
  protected readonly inputPositions = new Map<number, SourcePosition>();
  protected readonly checkpointMetrics: CheckpointMetrics | undefined;
  protected lastCheckpoint: CheckpointStatus['lastCheckpoint'];
  protected readonly restores: CheckpointStatus['restores'][number][] = [];
  /** An error the checkpoint coordinator failed the job with (a transaction that did not commit). */
  protected imposedFailure: VeloError | undefined;

  constructor(wiring: JobWiring) {
    super(wiring);
    this.completion = new Promise<void>((resolve) => (this.complete = resolve));
    this.checkpointMetrics = wiring.checkpointing ? new CheckpointMetrics(wiring.telemetry, this.metrics.labels) : undefined;
  }

  /** The last checkpoint this job took part in and the restores it went through. */
  checkpointStatus(): CheckpointStatus {
    return { lastCheckpoint: this.lastCheckpoint, restores: this.restores };
  }

  /** A job the checkpoint found finished: it has emitted everything, so it only ends its in-process outputs. */
  protected skipFinished(restore: NonNullable<JobCheckpointing['restore']>): JobStats {
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

  protected applyCounters(checkpoint: JobCheckpoint): void {
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

  protected setExternalPosition(source: SourceCheckpoint): void {
    const input = this.wiring.checkpointing?.externalInputs.find((e) => e.requestId === source.requestId);
    if (input) this.inputPositions.set(input.input, source.position);
  }

  /** Puts the job back where checkpoint `restore` left it: operator states, counters, source positions. */
  protected async restoreFrom(restore: NonNullable<JobCheckpointing['restore']>): Promise<void> {
    const { checkpoint } = restore;
    const started = performance.now();
    this.applyCounters(checkpoint);
    for (const source of checkpoint.sources) this.setExternalPosition(source);
    // A job that had not started has no operator state to restore.
    if (checkpoint.status !== 'starting') await this.restoreOperators(restore);
    this.restores.push({ at: this.wiring.clock.now(), checkpointId: restore.id, fellBack: restore.fellBack, reason: restore.reason, durationMs: restore.readMs + performance.now() - started });
    this.checkpointMetrics?.restored();
  }

  protected async restoreOperators(restore: NonNullable<JobCheckpointing['restore']>): Promise<void> {
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
}
