import { systemClock, isVeloError, ErrorCodes, VeloError, type RecordBatch, type Schema, type StateValue } from '@velots/core';
import { decodeState, encodeState } from '../checkpoint/state-codec.js';
import type { PhysicalNode } from '@velots/planner';
import type { Operator, RecordFailure } from '../operators/operator.js';
import { buildOperators } from '../engine/operator-chain.js';
import { BATCHES_DONE, REPLIES, type StageReply, type StageRequest, type StageWorkerData } from './protocol.js';
import { batchOf, messageOf, revivePlan, type BatchMessage, type FailureMessage } from './transfer.js';

/**
 * One worker's share of a job: the compiled tail of the plan over the records whose key hashes to it. It applies
 * requests in the order they were posted, so it sees the same sequence of batches, caught-up points and ends as
 * the single-threaded job would over its keys.
 */
export class StageWorker {
  private readonly operators: Operator[];
  private readonly schema: Schema;
  private readonly counters: Int32Array;
  private readonly failures: RecordFailure[] = [];
  /** How many batches were posted to this worker, and the latest: failures in it are named by place. */
  private batchSeq = -1;
  private posted: RecordBatch | undefined;
  /** Buffers the next reply moves rather than copies. */
  private transfer: ArrayBuffer[] = [];

  constructor(private readonly data: StageWorkerData) {
    const tail = revivePlan(data.tail) as PhysicalNode;
    this.operators = buildOperators(tail, systemClock, data.bounded, new Map(), new Map(), data.inputCount);
    this.schema = leafSchema(tail);
    this.counters = new Int32Array(data.control);
  }

  handle(request: StageRequest): void {
    try {
      this.apply(request);
    } catch (error) {
      const code = isVeloError(error) ? error.code : ErrorCodes.JOB_FAILED;
      const failed: StageReply = { kind: 'error', code, message: error instanceof Error ? error.message : String(error) };
      if (request.kind !== 'batch' && request.kind !== 'endInput') return this.reply(failed);
      this.post(failed);
      if (request.kind === 'batch') this.batchDone();
    }
  }

  private apply(request: StageRequest): void {
    switch (request.kind) {
      case 'batch': {
        for (const operator of this.operators) operator.readFrom?.(request.input, request.caughtUp, request.now, request.caughtUpPartitions, request.partitions);
        this.batchSeq++;
        this.posted = batchOf(request.batch, this.schema);
        const output = this.pushFrom(this.posted, 0);
        // A keyed aggregate emits only at caught-up points and the end; anything else comes back with the next reply.
        if (output.length > 0) this.pendingOutput.push(...output);
        if (this.failures.length > 0) this.post({ kind: 'failures', failures: this.drainFailures() });
        this.batchDone();
        this.posted = undefined;
        return;
      }
      case 'endInput':
        for (const operator of this.operators) operator.endInput?.(request.input);
        return;
      case 'changes':
        return this.replyWith((operator) => operator.emitChanges?.());
      case 'idle':
        return this.replyWith((operator) => operator.onIdle?.());
      case 'finish':
        return this.replyWith((operator) => operator.finish?.(this.failures));
      case 'snapshot':
        return this.reply({ kind: 'snapshot', state: this.snapshot() });
      case 'restore': {
        const states = decodeState(request.state) as readonly StateValue[];
        this.operators.forEach((operator, i) => operator.restore?.(states[i]));
        return this.reply({ kind: 'restored' });
      }
    }
  }

  /** Every operator's state (undefined for stateless ones), encoded; taken between batches, when no output waits. */
  private snapshot(): Uint8Array {
    if (this.pendingOutput.length > 0) throw new VeloError(ErrorCodes.INTERNAL, 'a worker was asked for a checkpoint while it held output');
    const states = this.operators.map((operator): StateValue => {
      const state = operator.snapshot?.();
      if (state instanceof Promise) throw new VeloError(ErrorCodes.INTERNAL, `operator ${operator.name} snapshots asynchronously on a worker thread`);
      return state;
    });
    // A copy with its own buffer: the codec's output may be a view of a shared one.
    return new Uint8Array(encodeState(states));
  }

  private readonly pendingOutput: BatchMessage[] = [];

  /** Asks each operator in turn for what it emits now, runs it through the rest, replies with the output. */
  private replyWith(emit: (operator: Operator) => RecordBatch | undefined): void {
    const batches = this.pendingOutput.splice(0);
    for (let i = 0; i < this.operators.length; i++) {
      const emitted = emit(this.operators[i]!);
      if (emitted && emitted.rows.length > 0) batches.push(...this.pushFrom(emitted, i + 1));
    }
    const late: BatchMessage[] = [];
    for (const operator of this.operators) {
      const dropped = operator.drainLate?.();
      if (dropped && dropped.rows.length > 0) late.push(messageOf(dropped, this.transfer));
    }
    let stateEntries = 0;
    for (const operator of this.operators) stateEntries += operator.stateEntries?.() ?? 0;
    this.reply({ kind: 'output', batches, failures: this.drainFailures(), stateEntries, late });
  }

  private pushFrom(input: RecordBatch, first: number): BatchMessage[] {
    let batch = input;
    for (let i = first; i < this.operators.length && batch.rows.length > 0; i++) batch = this.operators[i]!.process(batch, this.failures);
    return batch.rows.length > 0 ? [messageOf(batch, this.transfer)] : [];
  }

  private drainFailures(): FailureMessage[] {
    const out = this.failures.map((f): FailureMessage => ({
      source: f.batch === this.posted ? { seq: this.batchSeq, index: f.index } : undefined,
      row: f.batch === this.posted ? [] : (f.batch.rows[f.index] as FailureMessage['row']),
      fields: f.batch.schema.fields,
      eventTime: f.batch.eventTimes[f.index] ?? 0,
      partition: f.batch.partitions?.[f.index],
      offset: f.batch.offsets?.[f.index],
      code: isVeloError(f.error) ? f.error.code : ErrorCodes.INTERNAL,
      message: f.error instanceof Error ? f.error.message : String(f.error),
    }));
    this.failures.length = 0;
    return out;
  }

  /** Tells the coordinator (which bounds the batches in flight) that one more batch is done. */
  private batchDone(): void {
    Atomics.add(this.counters, BATCHES_DONE, 1);
    Atomics.notify(this.counters, BATCHES_DONE);
  }

  private post(reply: StageReply): void {
    const transfer = reply.kind === 'output' ? this.transfer : [];
    if (reply.kind === 'output') this.transfer = [];
    this.data.port.postMessage(reply, transfer);
  }

  /** Posts a reply the coordinator waits for synchronously, and wakes it. */
  private reply(reply: StageReply): void {
    this.post(reply);
    Atomics.add(this.counters, REPLIES, 1);
    Atomics.notify(this.counters, REPLIES);
  }
}

function leafSchema(node: PhysicalNode): Schema {
  return node.kind === 'Scan' ? node.schema : leafSchema(node.input);
}
