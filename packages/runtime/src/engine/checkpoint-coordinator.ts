import { ErrorCodes, VeloError, type Row } from '@velots/core';
import type { JobCheckpointStore } from '../checkpoint/checkpoint-store.js';
import { encodeJobCheckpoint, type JobCheckpoint } from '../checkpoint/job-checkpoint.js';
import type { TableCollector } from '../joins/table-state.js';
import type { JobRunner } from './job-runner.js';
import type { StreamChannel } from './stream-channel.js';
import type { SubqueryCollector } from './subquery-results.js';

/** One job of the app as the coordinator sees it: its runner, its files, and the in-process inputs it reads. */
export interface CoordinatedJob {
  readonly name: string;
  readonly runner: JobRunner;
  readonly store: JobCheckpointStore;
  /** The channels the job reads, in the engine's order (the order a restore refills them in). */
  readonly channels: readonly StreamChannel[];
  readonly tables: ReadonlyMap<string, TableCollector>;
  readonly subqueries: ReadonlyMap<string, SubqueryCollector>;
}

export interface CoordinatorOptions {
  readonly intervalMs: number;
  /** The newest checkpoint id present on disk (new ids follow it, so a crash never mixes two checkpoints under one id). */
  readonly newestId: number;
  /** The checkpoint the app restored from: kept until a newer one is complete. */
  readonly restoredId: number | undefined;
  readonly now: () => number;
  readonly warn: (message: string) => void;
}

/**
 * Takes the app's checkpoints: every `intervalMs`, and a final one at shutdown. The app's jobs run on one thread,
 * so a checkpoint holds every job at its next batch boundary (a job waiting for input is interrupted, not waited
 * for; producers may finish their batch into held channels), flushes their sinks, snapshots every job with one
 * checkpoint id together with what its in-process inputs hold, and only then lets them go on. See
 * docs/architecture.md "State and recovery" for the order of writes and commits.
 */
export class CheckpointCoordinator {
  private newestId: number;
  /** The newest complete checkpoint: files older than it are deleted once a newer one is complete. */
  private keptFrom: number | undefined;
  private running: Promise<boolean> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly jobs: readonly CoordinatedJob[],
    private readonly options: CoordinatorOptions,
  ) {
    this.newestId = options.newestId;
    this.keptFrom = options.restoredId;
  }

  /** Starts the periodic checkpoints (a tick that finds one still running skips). */
  start(): void {
    if (this.timer || this.closed) return;
    this.timer = setInterval(() => {
      if (!this.running) void this.checkpoint();
    }, this.options.intervalMs);
    this.timer.unref();
  }

  /** No more checkpoints (a job failed, or the app ended); waits for one in progress. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /**
   * Takes a checkpoint now (after one in progress); with `final`, every job is stopped at the boundary it was held
   * at, so nothing runs after the snapshot (open windows stay open: they carry on after a restart). Resolves true
   * when the checkpoint is durable and committed; false when it was not taken (reported as a warning).
   */
  async checkpoint(options: { readonly final?: boolean } = {}): Promise<boolean> {
    while (this.running) await this.running;
    if (this.closed) return false;
    this.running = this.take(options.final === true).finally(() => (this.running = undefined));
    return this.running;
  }

  private async take(final: boolean): Promise<boolean> {
    const id = this.newestId + 1;
    const started = performance.now();
    const takenAt = this.options.now();
    const channels = this.jobs.flatMap((j) => j.channels);
    for (const channel of channels) channel.holdForCheckpoint(true);
    try {
      await Promise.all(this.jobs.map((j) => j.runner.reachCheckpointBoundary()));
      const failed = this.jobs.find((j) => j.runner.stats.state === 'failed');
      if (failed) {
        // A failed job keeps its last checkpoint: nothing partial is ever written.
        this.closed = true;
        return false;
      }
      for (const job of this.jobs) await job.runner.flushForCheckpoint();
      const appJobs = this.jobs.map((j) => j.name);
      const checkpoints: JobCheckpoint[] = [];
      for (const job of this.jobs) checkpoints.push({ job: job.name, appJobs, ...(await job.runner.checkpointState()), ...inProcessInputs(job) });
      const payloads = checkpoints.map(encodeJobCheckpoint);
      this.newestId = id;
      if (final) {
        this.closed = true;
        for (const job of this.jobs) job.runner.stop();
      }
      // A transactional job commits its transaction (its output and its source offsets) before the checkpoint is
      // durable: a crash in between replays from the previous checkpoint (duplicates), never loses output.
      for (const [i, job] of this.jobs.entries()) {
        if (job.runner.commitsTransactionally) await commitOrFail(job, checkpoints[i]!, id);
      }
      const sizes = await Promise.all(this.jobs.map((job, i) => job.store.write(id, takenAt, payloads[i]!)));
      const keep = this.keptFrom;
      this.keptFrom = id;
      if (keep !== undefined) await Promise.all(this.jobs.map((job) => job.store.prune(keep)));
      for (const [i, job] of this.jobs.entries()) {
        if (job.runner.commitsTransactionally) continue;
        try {
          await job.runner.commitCheckpoint(checkpoints[i]!.sources);
        } catch (error) {
          this.options.warn(`checkpoint ${id}: job '${job.name}' could not commit its source positions (${message(error)}); the next checkpoint commits them`);
        }
      }
      const durationMs = performance.now() - started;
      for (const [i, job] of this.jobs.entries()) job.runner.recordCheckpoint(id, takenAt, sizes[i]!, durationMs);
      return true;
    } catch (error) {
      this.options.warn(`checkpoint ${id} was not taken: ${message(error)}; the previous checkpoint stays the one to restart from`);
      return false;
    } finally {
      for (const channel of channels) channel.holdForCheckpoint(false);
      for (const job of this.jobs) job.runner.releaseCheckpoint();
    }
  }
}

/** What a job's in-process inputs hold that it has not processed: queued channel batches, gathered table and subquery rows. */
function inProcessInputs(job: CoordinatedJob): Pick<JobCheckpoint, 'channels' | 'tables' | 'subqueries'> {
  return {
    channels: job.channels.map((c) => c.bufferedEntries()),
    tables: [...job.tables].map(([name, collector]) => ({ name, rows: collector.result().rows as readonly Row[] })),
    subqueries: [...job.subqueries].map(([stream, collector]) => ({ stream, rows: collector.result() })),
  };
}

/** Commits a transactional job's transaction for checkpoint `id`; a failed commit fails the job (its output since the last checkpoint was aborted). */
async function commitOrFail(job: CoordinatedJob, checkpoint: JobCheckpoint, id: number): Promise<void> {
  try {
    await job.runner.commitCheckpoint(checkpoint.sources);
  } catch (error) {
    const failure = new VeloError(ErrorCodes.CHECKPOINT, `job '${job.name}': the transaction of checkpoint ${id} did not commit: ${message(error)}`, { cause: error });
    job.runner.failWith(failure);
    throw failure;
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
