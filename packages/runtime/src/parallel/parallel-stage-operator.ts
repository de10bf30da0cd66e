import { ErrorCodes, Schema, VeloError, type ErrorCode, type RecordBatch, type Row, type StateValue } from '@velots/core';
import { decodeState, encodeState } from '../checkpoint/state-codec.js';
import { partitionUpdatingStates } from '../windows/updating-state-partition.js';
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { Operator, RecordFailure } from '../operators/operator.js';
import { KeyPartitioner, workerOfKey } from './key-partitioner.js';
import { columnsReadBy, type ParallelSplit } from './plan-split.js';
import { BATCHES_DONE, COUNTER_BYTES, EXITED, REPLIES, type StageReply, type StageRequest, type StageWorkerData } from './protocol.js';
import { pickRecords, plainPlan, reviveRows, rowsOf, type BatchMessage, type FailureMessage } from './transfer.js';

/** Batches a worker may have queued before the coordinator waits for it (bounds memory when workers fall behind). */
const MAX_IN_FLIGHT = 4;
/** How long one wait for a worker lasts before checking again that it still runs. */
const WAIT_SLICE_MS = 1000;

/** Worker threads started and not yet exited, over every job of the process. */
let liveThreads = 0;

/** How many job worker threads are running (0 once every job has ended, failed or been stopped). */
export function liveStageThreads(): number {
  return liveThreads;
}

/** Counts `worker` among the live job threads until it exits. */
export function trackThread(worker: Worker): void {
  liveThreads++;
  worker.on('exit', () => liveThreads--);
}

interface StageThread {
  readonly worker: Worker;
  readonly port: MessagePort;
  readonly counters: Int32Array;
  sent: number;
  /** The batches posted and not yet done, with the share each record came from: failures name them by place. */
  readonly inFlight: { seq: number; batch: RecordBatch; indexes: readonly number[] }[];
  expectedReplies: number;
  stateEntries: number;
  exited: Error | undefined;
}

/**
 * The coordinator's side of a job split across worker threads: it hashes each record's GROUP BY key, posts each
 * worker its share of every batch (one message per batch and worker), and gathers what the workers emit at the
 * points the single-threaded job emits (caught up, idle, end of input). Synchronous like every operator: it waits
 * for replies with Atomics.wait and reads them with receiveMessageOnPort, so the job loop stays unchanged.
 */
export class ParallelStageOperator implements Operator {
  readonly name: string;
  readonly finished = false;
  private readonly threads: StageThread[];
  private readonly partitioner: KeyPartitioner;
  private readonly schema: Schema;
  /** The input columns the workers read: the others are not sent. */
  private readonly read: ReadonlySet<number>;
  private readonly late: Row[] = [];
  /** Failures workers reported while a checkpoint was taken or restored: handed to the next batch's list. */
  private readonly heldFailures: RecordFailure[] = [];
  private readonly keyCount: number;
  /** The threads were stopped: a checkpoint can no longer ask them (see `snapshot`). */
  private disposed = false;
  /** finish() ran: the workers emitted everything they held. */
  private finishedInput = false;
  /** The latest snapshot, while no batch came after it. */
  private lastSnapshot: StateValue | undefined;
  private readonly lateTimes: number[] = [];
  private lastRead: { input: number; caughtUp: boolean; now: number; caughtUpPartitions?: readonly number[] | undefined; partitions?: readonly number[] | undefined } = { input: 0, caughtUp: false, now: 0 };

  constructor(
    split: ParallelSplit,
    workers: number,
    bounded: boolean,
    inputCount: number,
  ) {
    // No worker count in the name: a checkpoint names its operators, and it restores on another count (re-partitioned).
    this.name = `Parallel[${split.aggregate.window ? 'WindowAggregate' : 'UpdatingAggregate'}]`;
    this.partitioner = new KeyPartitioner(split.aggregate, workers);
    this.schema = split.tail.schema;
    this.read = columnsReadBy(split.aggregate);
    this.keyCount = split.aggregate.keys.length;
    const tail = plainPlan(split.tail);
    this.threads = Array.from({ length: workers }, () => startThread(tail, bounded, inputCount));
  }

  readFrom(input: number, caughtUp: boolean, now: number, caughtUpPartitions?: readonly number[], partitions?: readonly number[]): void {
    this.lastRead = { input, caughtUp, now, caughtUpPartitions, partitions };
  }

  endInput(input: number): void {
    for (const thread of this.threads) this.post(thread, { kind: 'endInput', input });
  }

  process(batch: RecordBatch, failures: RecordFailure[]): RecordBatch {
    this.lastSnapshot = undefined;
    if (this.heldFailures.length > 0) failures.push(...this.heldFailures.splice(0));
    const owned = this.partitioner.split(batch, this.lastRead.now);
    for (let w = 0; w < this.threads.length; w++) {
      const thread = this.threads[w]!;
      this.waitForRoom(thread);
      const transfer: ArrayBuffer[] = [];
      this.post(thread, { kind: 'batch', batch: pickRecords(batch, owned[w]!, transfer, this.read), ...this.lastRead }, transfer);
      thread.inFlight.push({ seq: thread.sent, batch, indexes: owned[w]! });
      thread.sent++;
      this.drain(thread, failures);
    }
    return { schema: this.schema, rows: [], eventTimes: [] };
  }

  emitChanges(): RecordBatch | undefined {
    return this.roundTrip({ kind: 'changes' }, []);
  }

  onIdle(): RecordBatch | undefined {
    return this.roundTrip({ kind: 'idle' }, []);
  }

  finish(failures: RecordFailure[]): RecordBatch | undefined {
    this.finishedInput = true;
    return this.roundTrip({ kind: 'finish' }, failures);
  }

  drainLate(): RecordBatch | undefined {
    if (this.late.length === 0) return undefined;
    const rows = this.late.splice(0);
    return { schema: this.schema, rows, eventTimes: this.lateTimes.splice(0) };
  }

  stateEntries(): number {
    return this.threads.reduce((sum, t) => sum + t.stateEntries, 0);
  }

  /**
   * `{ workers, states }`: each worker's operator states, encoded by the worker (the groups it owns, in its compact
   * layout). Asked between batches: every batch posted before is in it.
   */
  snapshot(): StateValue {
    if (this.disposed) return this.snapshotAfterDispose();
    const states = this.ask(() => ({ kind: 'snapshot' })).map((reply) => (reply as Extract<StageReply, { kind: 'snapshot' }>).state);
    this.lastSnapshot = { workers: this.threads.length, states };
    return this.lastSnapshot;
  }

  /**
   * A checkpoint after the threads stopped (the job ended): after finish() nothing is left to restore (`states`
   * null); else the last snapshot, when no batch came after it.
   */
  private snapshotAfterDispose(): StateValue {
    if (this.finishedInput) return { workers: this.threads.length, states: null };
    if (this.lastSnapshot !== undefined) return this.lastSnapshot;
    throw new VeloError(ErrorCodes.CHECKPOINT, `${this.name}: the worker threads stopped before their state was saved`);
  }

  /**
   * Restores the workers from a `snapshot`. Taken with another worker count, the GROUP BY groups are re-partitioned
   * by key (the same hash that routes their records), so every group lands on the worker its records go to now.
   */
  restore(state: StateValue): void {
    const saved = state as { workers: number; states: readonly Uint8Array[] | null };
    // The job had emitted everything: nothing to restore.
    if (saved.states === null) return;
    const workers = this.threads.length;
    const encoded = saved.workers === workers ? saved.states : this.repartition(saved.states, workers);
    this.ask((w) => ({ kind: 'restore', state: encoded[w]! }));
  }

  /** Workers' encoded states re-partitioned over `workers` workers (the aggregate first in each tail; the rest is stateless). */
  private repartition(encoded: readonly Uint8Array[], workers: number): Uint8Array[] {
    const perWorker = encoded.map((bytes) => decodeState(bytes) as readonly StateValue[]);
    const operatorCount = perWorker[0]?.length ?? 0;
    const out = Array.from({ length: workers }, (): StateValue[] => []);
    for (let i = 0; i < operatorCount; i++) {
      const states = perWorker.map((s) => s[i]);
      if (i === 0) {
        partitionUpdatingStates(states, this.keyCount, (keys) => workerOfKey(keys, workers), workers).forEach((s, w) => out[w]!.push(s));
        continue;
      }
      if (states.some((s) => s !== undefined && s !== null)) {
        throw new VeloError(ErrorCodes.CONFIG, `the checkpoint of ${this.name} was taken with ${encoded.length} workers and holds state above its GROUP BY that cannot be re-partitioned: restart with ${encoded.length} workers`);
      }
      for (const list of out) list.push(undefined);
    }
    return out.map((states) => encodeState(states));
  }

  /** Posts worker w `requestFor(w)` and waits for each worker's reply, in worker order (failures reported meanwhile are held). */
  private ask(requestFor: (worker: number) => StageRequest): StageReply[] {
    this.threads.forEach((thread, w) => {
      thread.expectedReplies++;
      this.post(thread, requestFor(w));
    });
    return this.threads.map((thread) => {
      waitFor(thread, REPLIES, thread.expectedReplies);
      for (;;) {
        const reply = this.receive(thread, this.heldFailures);
        if (reply === undefined) throw new VeloError(ErrorCodes.INTERNAL, 'a worker thread signalled a reply it did not send');
        if (reply.kind !== 'failures') return reply;
      }
    });
  }

  /** Stops the worker threads (after the job ends, fails or is stopped). */
  dispose(): void {
    this.disposed = true;
    for (const thread of this.threads) {
      thread.port.close();
      void thread.worker.terminate();
    }
  }

  /** Asks every worker for what it emits now and waits for all of them; their rows in worker order. */
  private roundTrip(request: StageRequest, failures: RecordFailure[]): RecordBatch | undefined {
    for (const thread of this.threads) {
      thread.expectedReplies++;
      this.post(thread, request);
    }
    const rows: Row[] = [];
    const eventTimes: number[] = [];
    for (const thread of this.threads) {
      waitFor(thread, REPLIES, thread.expectedReplies);
      for (;;) {
        const reply = this.receive(thread, failures);
        if (reply === undefined) throw new VeloError(ErrorCodes.INTERNAL, 'a worker thread signalled a reply it did not send');
        if (reply.kind !== 'output') continue;
        thread.stateEntries = reply.stateEntries;
        for (const batch of reply.batches) append(batch, rows, eventTimes);
        for (const batch of reply.late) append(batch, this.late, this.lateTimes);
        break;
      }
    }
    return rows.length > 0 ? { schema: this.schema, rows, eventTimes } : undefined;
  }

  private waitForRoom(thread: StageThread): void {
    if (thread.sent - Atomics.load(thread.counters, BATCHES_DONE) >= MAX_IN_FLIGHT) waitFor(thread, BATCHES_DONE, thread.sent - MAX_IN_FLIGHT + 1);
  }

  /** Takes the failures a worker reported so far without waiting, then forgets the batches it is done with. */
  private drain(thread: StageThread, failures: RecordFailure[]): void {
    // A worker reports a batch's failures before counting it done: once counted, they are queued.
    const done = Atomics.load(thread.counters, BATCHES_DONE);
    for (let reply = this.receive(thread, failures); reply !== undefined; reply = this.receive(thread, failures)) {
      if (reply.kind === 'output') throw new VeloError(ErrorCodes.INTERNAL, 'a worker thread replied to no request');
    }
    let forget = 0;
    while (forget < thread.inFlight.length && thread.inFlight[forget]!.seq < done) forget++;
    thread.inFlight.splice(0, forget);
  }

  /** The next message of a worker, failures and errors handled; undefined when none is queued. */
  private receive(thread: StageThread, failures: RecordFailure[]): StageReply | undefined {
    const received = receiveMessageOnPort(thread.port) as { message: StageReply } | undefined;
    if (!received) return undefined;
    const reply = received.message;
    if (reply.kind === 'error') throw new VeloError(reply.code as ErrorCode, reply.message);
    const reported = reply.kind === 'failures' || reply.kind === 'output' ? reply.failures : [];
    for (const failure of reported) failures.push(recordFailureOf(failure, thread));
    return reply;
  }

  private post(thread: StageThread, request: StageRequest, transfer: ArrayBuffer[] = []): void {
    // A stopped thread never answers, and waiting on it would block this thread for good.
    if (this.disposed) throw new VeloError(ErrorCodes.INTERNAL, `${this.name}: asked to work after its worker threads were stopped`);
    if (thread.exited) throw new VeloError(ErrorCodes.JOB_FAILED, `a worker thread of the job stopped: ${thread.exited.message}`);
    thread.worker.postMessage(request, transfer);
  }
}

function startThread(tail: unknown, bounded: boolean, inputCount: number): StageThread {
  const control = new SharedArrayBuffer(COUNTER_BYTES);
  const { port1, port2 } = new MessageChannel();
  const workerData: StageWorkerData = { veloStage: true, tail, bounded, inputCount, control, port: port2 };
  const worker = new Worker(workerEntryUrl(), { workerData, transferList: [port2] });
  const thread: StageThread = { worker, port: port1, counters: new Int32Array(control), sent: 0, inFlight: [], expectedReplies: 0, stateEntries: 0, exited: undefined };
  trackThread(worker);
  worker.on('error', (error) => (thread.exited = error));
  worker.on('exit', (code) => {
    thread.exited ??= new Error(`exit code ${code}`);
  });
  return thread;
}

/**
 * The module a worker thread loads: worker-entry.js next to this file (its .ts source under test maps to the built
 * file), or — inside a bundled CLI, where this code lives in the bundle — the worker bundle the bundle step writes
 * next to it (tooling/bundle-apps.mjs).
 */
export function workerEntryUrl(): URL {
  const here = import.meta.url;
  if (/\/parallel-stage-operator\.js$/.test(here)) return new URL('./worker-entry.js', here);
  if (/\/src\/parallel\/parallel-stage-operator\.ts$/.test(here)) return new URL('../../dist/parallel/worker-entry.js', here);
  return new URL('./velo-stage-worker.mjs', here);
}

/** Blocks until counter `slot` of `thread` reaches `target`. */
function waitFor(thread: StageThread, slot: number, target: number): void {
  for (let seen = Atomics.load(thread.counters, slot); seen < target; seen = Atomics.load(thread.counters, slot)) {
    if (thread.exited) throw new VeloError(ErrorCodes.JOB_FAILED, `a worker thread of the job stopped: ${thread.exited.message}`);
    if (Atomics.load(thread.counters, EXITED) === 1) throw new VeloError(ErrorCodes.JOB_FAILED, 'a worker thread of the job exited while the job waited for it');
    Atomics.wait(thread.counters, slot, seen, WAIT_SLICE_MS);
  }
}

function append(batch: BatchMessage, rows: Row[], eventTimes: number[]): void {
  const received = rowsOf(batch);
  for (let i = 0; i < received.length; i++) {
    rows.push(received[i]!);
    eventTimes.push(batch.eventTimes[i]!);
  }
}

/** The failure as one thread reports it: the record of the original batch when it was one, else the worker's row. */
function recordFailureOf(failure: FailureMessage, thread: StageThread): RecordFailure {
  const error = new VeloError(failure.code as ErrorCode, failure.message);
  if (failure.source !== undefined) {
    const posted = thread.inFlight.find((b) => b.seq === failure.source!.seq);
    if (!posted) throw new VeloError(ErrorCodes.INTERNAL, `a worker thread reported a failure in batch ${failure.source.seq}, which it had finished`);
    return { batch: posted.batch, index: posted.indexes[failure.source.index]!, error };
  }
  reviveRows([failure.row]);
  const batch: RecordBatch = {
    schema: new Schema(failure.fields),
    rows: [failure.row],
    eventTimes: [failure.eventTime],
    partitions: failure.partition === undefined ? undefined : [failure.partition],
    offsets: failure.offset === undefined ? undefined : [failure.offset],
  };
  return { batch, index: 0, error };
}
