import { ErrorCodes, VeloError, type ErrorCode, type Schema, type Source, type SourceBatch, type SourcePosition } from '@velots/core';
import type { JobPlan } from '@velots/planner';
import type { Worker } from 'node:worker_threads';
import type { ShareReply, ShareStart } from './share-protocol.js';
import { FileLines, columnsSentFor, exitError, revivedFailures, startShareWorker, type FailureReport, type PlannedSourceSplit } from './source-split-run.js';
import { batchOf } from './transfer.js';

type Arrival = Exclude<ShareReply, { kind: 'done' | 'failures' }> | { readonly kind: 'exit'; readonly error: Error };

/** One worker's replies, in the order it posted them, and a wake-up for a reader waiting on the next. */
interface ShareThread {
  readonly worker: Worker;
  readonly queue: Arrival[];
  wake: (() => void) | undefined;
}

/**
 * The job's source when workers decode its shares (`ordered` split): hands the job the workers' batches share after
 * share — share s from worker s mod W — so the job's operators see the records in the one thread's order. A worker
 * reads a share only once the job reached the share W − 1 before it: at most about W shares wait in memory.
 */
export class OrderedShareSource implements Source {
  readonly name: string;
  readonly bounded = true;
  /** Records the workers read from the source (before their filters), over the shares handed over so far. */
  recordsRead = 0;
  private readonly threads: ShareThread[];
  private readonly schema: Schema;
  private share = 0;
  private readonly lines: FileLines;
  private stopped = false;

  constructor(
    private readonly split: PlannedSourceSplit,
    job: JobPlan,
    batchSize: number,
    private readonly report: FailureReport,
    private readonly signal: AbortSignal,
  ) {
    this.name = job.inputs[0]?.name ?? job.name;
    this.schema = split.plan.worker.schema;
    this.lines = new FileLines(split);
    const send = columnsSentFor(split, job);
    const workers = split.workers;
    this.threads = Array.from({ length: workers }, (_, w) => {
      const mine = split.shares.map((_s, i) => i).filter((i) => i % workers === w);
      const thread: ShareThread = { worker: startShareWorker(split, job, batchSize, mine, send), queue: [], wake: undefined };
      thread.worker.on('message', (reply: ShareReply) => this.arrive(thread, reply as Arrival));
      thread.worker.on('error', (error) => this.arrive(thread, { kind: 'exit', error }));
      thread.worker.on('exit', (code) => this.arrive(thread, { kind: 'exit', error: exitError(code, signal) }));
      return thread;
    });
    for (let s = 0; s < Math.min(workers, split.shares.length); s++) this.start(s);
    signal.addEventListener('abort', () => void this.stop(), { once: true });
  }

  async open(): Promise<Schema> {
    return this.schema;
  }

  async next(): Promise<SourceBatch | undefined> {
    while (this.share < this.split.shares.length) {
      const thread = this.threads[this.share % this.threads.length]!;
      const reply = await this.take(thread);
      if (reply.kind === 'exit') throw reply.error instanceof VeloError ? reply.error : new VeloError(ErrorCodes.JOB_FAILED, `a worker thread of the job failed: ${reply.error.message}`);
      if (reply.kind === 'error') throw new VeloError(reply.code as ErrorCode, reply.message);
      const [badRecords, failures] = revivedFailures(await this.lines.place(this.share, reply.badRecords), reply.failures);
      if (badRecords.length > 0 || failures.length > 0) await this.report(badRecords, failures);
      this.recordsRead += reply.read;
      if (reply.kind === 'batch') return { batch: batchOf(reply.batch, this.schema), position: { share: this.share } };
      // The share ended: the next one's worker may start the share W − 1 after it.
      this.share++;
      if (this.share + this.threads.length - 1 < this.split.shares.length) this.start(this.share + this.threads.length - 1);
    }
    await this.stop();
    return undefined;
  }

  async commit(_position: SourcePosition): Promise<void> {
    // The job's own source commits (files and generators have nothing to acknowledge).
  }

  async close(): Promise<void> {
    await this.stop();
  }

  /** Stops the worker threads (the job ended, failed or was stopped); resolves once they have exited. */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.threads.map((thread) => thread.worker.terminate()));
  }

  private start(share: number): void {
    this.threads[share % this.threads.length]!.worker.postMessage({ kind: 'start', share } satisfies ShareStart);
  }

  private arrive(thread: ShareThread, reply: Arrival): void {
    // A thread's exit after the job took everything it needed (or was stopped) is no failure.
    if (reply.kind !== 'exit' || !this.stopped) thread.queue.push(reply);
    const wake = thread.wake;
    thread.wake = undefined;
    wake?.();
  }

  private async take(thread: ShareThread): Promise<Arrival> {
    while (thread.queue.length === 0) {
      if (this.signal.aborted || this.stopped) throw new VeloError(ErrorCodes.JOB_FAILED, 'the job was stopped');
      await new Promise<void>((resolve) => (thread.wake = resolve));
    }
    return thread.queue.shift()!;
  }
}
