import type { VeloError } from '@velots/core';
import { isConnectionError } from '../config/connection-health.js';

/** Offsets to commit: topic, partition and the next offset to read, as kafkajs's `commitOffsets` takes them. */
export type TopicPartitionOffsets = readonly { topic: string; partition: number; offset: string }[];

/** Kafka errors that mean "this member no longer owns the partition": the next owner re-reads, nothing is lost. */
const REBALANCE_ERRORS = new Set(['REBALANCE_IN_PROGRESS', 'ILLEGAL_GENERATION', 'UNKNOWN_MEMBER_ID', 'NOT_COORDINATOR']);

function isRebalanceError(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = (e as { cause?: unknown }).cause) {
    if (REBALANCE_ERRORS.has((e as { type?: string }).type ?? '')) return true;
  }
  return false;
}

export interface OffsetCommitterOptions {
  readonly commitOffsets: (offsets: TopicPartitionOffsets) => Promise<void>;
  /** Told when a commit was skipped because the cluster is unreachable. */
  readonly onUnreachable: (error: Error) => void;
  /** The error a failed commit raises (at the next `commit`). */
  readonly describeFailure: (error: Error) => VeloError;
  /** How long `commit` waits for the broker's answer before returning while the commit carries on. */
  readonly waitMs: number;
}

/**
 * Commits a source's offsets one request at a time, newest first: a position handed in while a commit is in flight
 * replaces any older one still waiting, so commits never go backwards and never pile up. Commits are cumulative, so
 * one that fails because the member lost its partitions (a rebalance) or the cluster is away is dropped — the next
 * one covers it, and a restart meanwhile re-reads (at-least-once). `commit` waits at most `waitMs`, so a commit that
 * kafkajs keeps retrying (a member evicted during an outage retries with its old member id) never stalls the job.
 */
export class OffsetCommitter {
  private pending: TopicPartitionOffsets | undefined;
  private running: Promise<void> | undefined;
  private failure: VeloError | undefined;

  constructor(private readonly options: OffsetCommitterOptions) {}

  async commit(offsets: TopicPartitionOffsets): Promise<void> {
    if (this.failure) throw this.failure;
    this.pending = offsets;
    this.running ??= this.drain();
    await this.settle(this.options.waitMs);
    if (this.failure) throw this.failure;
  }

  /** Waits up to `timeoutMs` for the commits in flight (at close). */
  async settle(timeoutMs: number): Promise<void> {
    const running = this.running;
    if (!running) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([running, new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending) {
        const offsets = this.pending;
        this.pending = undefined;
        try {
          await this.options.commitOffsets(offsets);
        } catch (error) {
          if (isRebalanceError(error)) continue;
          if (isConnectionError(error)) this.options.onUnreachable(error as Error);
          else this.failure ??= this.options.describeFailure(error as Error);
        }
      }
    } finally {
      this.running = undefined;
    }
  }
}
