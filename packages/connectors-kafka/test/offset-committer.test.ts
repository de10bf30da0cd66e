import { ErrorCodes, VeloError } from '@velots/core';
import { describe, expect, it } from 'vitest';
import { OffsetCommitter, type TopicPartitionOffsets } from '../src/source/offset-committer.js';

const at = (offset: number): TopicPartitionOffsets => [{ topic: 't', partition: 0, offset: String(offset) }];

/** An error as kafkajs raises it: a name, a protocol type, a retriable flag, a cause. */
function kafkaError(name: string, fields: { type?: string; retriable?: boolean; cause?: Error } = {}): Error {
  const error = new Error(`${name} ${fields.type ?? ''}`.trim(), fields.cause ? { cause: fields.cause } : undefined);
  error.name = name;
  Object.assign(error, { type: fields.type, retriable: fields.retriable ?? false });
  return error;
}

/** A commit function whose calls wait until released one by one. */
function gatedCommits(): { calls: string[]; release(error?: Error): void; commit(offsets: TopicPartitionOffsets): Promise<void> } {
  const calls: string[] = [];
  const gates: ((error?: Error) => void)[] = [];
  return {
    calls,
    release: (error) => gates.shift()?.(error),
    commit: (offsets) => {
      calls.push((offsets[0] as { offset: string }).offset);
      return new Promise<void>((resolve, reject) => gates.push((error) => (error ? reject(error) : resolve())));
    },
  };
}

function committer(commit: (offsets: TopicPartitionOffsets) => Promise<void>, unreachable: string[] = [], waitMs = 50): OffsetCommitter {
  return new OffsetCommitter({
    commitOffsets: commit,
    onUnreachable: (error) => unreachable.push(error.message),
    describeFailure: (error) => new VeloError(ErrorCodes.SOURCE_READ, `commit failed: ${error.message}`),
    waitMs,
  });
}

describe('OffsetCommitter', () => {
  it('commits one request at a time, and of the positions handed in meanwhile only the newest', async () => {
    const gate = gatedCommits();
    const offsets = committer(gate.commit);
    const first = offsets.commit(at(1));
    await Promise.resolve();
    const second = offsets.commit(at(2));
    const third = offsets.commit(at(3));
    gate.release();
    await new Promise((resolve) => setTimeout(resolve, 0));
    gate.release();
    await Promise.all([first, second, third]);
    expect(gate.calls).toEqual(['1', '3']);
  });

  it('returns after its wait while a commit hangs, and the commit still lands', async () => {
    const gate = gatedCommits();
    const offsets = committer(gate.commit, [], 20);
    const started = Date.now();
    await offsets.commit(at(5));
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
    gate.release();
    await offsets.settle(100);
    expect(gate.calls).toEqual(['5']);
  });

  it('drops commits refused after a rebalance or while the cluster is away, and fails on anything else at the next commit', async () => {
    const unreachable: string[] = [];
    const errors = [
      kafkaError('KafkaJSNumberOfRetriesExceeded', { cause: kafkaError('KafkaJSProtocolError', { type: 'UNKNOWN_MEMBER_ID' }) }),
      kafkaError('KafkaJSConnectionError'),
      kafkaError('KafkaJSProtocolError', { type: 'TOPIC_AUTHORIZATION_FAILED' }),
    ];
    const offsets = committer((o) => Promise.reject(errors[Number((o[0] as { offset: string }).offset)] as Error), unreachable);
    await offsets.commit(at(0));
    await offsets.commit(at(1));
    expect(unreachable).toEqual(['KafkaJSConnectionError']);
    await expect(offsets.commit(at(2))).rejects.toThrow('commit failed: KafkaJSProtocolError TOPIC_AUTHORIZATION_FAILED');
    await expect(offsets.commit(at(0))).rejects.toThrow('commit failed: KafkaJSProtocolError TOPIC_AUTHORIZATION_FAILED');
  });
});
