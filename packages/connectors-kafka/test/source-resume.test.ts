import type { SourceBatch, SourcePosition } from '@velots/core';
import { kcatProduce, startMockKafka, type MockKafka } from '@velots/kafka-mock';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KafkaSource } from '../src/index.js';
import { openSource, readUntil, waitFor } from './support/sources.js';

function records(from: number, to: number): { value: string; partition: number }[] {
  const out: { value: string; partition: number }[] = [];
  for (let id = from; id < to; id++) out.push({ value: `{"id":${id},"symbol":"S${id % 5}"}`, partition: id % 4 });
  return out;
}

function idsOf(batches: readonly SourceBatch[]): number[] {
  return batches.flatMap((r) => r.batch.rows.map((row) => row[0] as number)).sort((x, y) => x - y);
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}

/** Reads small batches until at least `count` records arrived; returns them with the position after the last. */
async function readSome(source: KafkaSource, count: number): Promise<{ batches: SourceBatch[]; position: SourcePosition }> {
  const batches: SourceBatch[] = [];
  let total = 0;
  while (total < count) {
    const read = await source.next(3);
    if (read && read.batch.rows.length > 0) {
      batches.push(read);
      total += read.batch.rows.length;
    }
  }
  return { batches, position: (batches[batches.length - 1] as SourceBatch).position };
}

describe('kafka_source resumed from a stored position', () => {
  let kafka: MockKafka;
  beforeAll(async () => {
    kafka = await startMockKafka({ topics: [{ name: 'resume-alone', partitions: 4 }, { name: 'resume-later', partitions: 4 }, { name: 'resume-other', partitions: 1 }] });
  });
  afterAll(async () => {
    await kafka.stop();
  });

  it('reads exactly the rest after the position, although the group committed an older one', async () => {
    await kcatProduce(kafka.bootstrapServers, 'resume-alone', records(0, 24));
    const first = await openSource(kafka.bootstrapServers, 'resume-alone', 'resume-alone-group');
    const { batches: before, position } = await readSome(first, 10);
    // The broker keeps the position of the first batch only: a restart from committed offsets would repeat records.
    await first.commit((before[0] as SourceBatch).position);
    await first.close();
    expect(JSON.parse(JSON.stringify(position))).toEqual(position);
    await kcatProduce(kafka.bootstrapServers, 'resume-alone', records(24, 32));
    const readBefore = idsOf(before);
    const second = await openSource(kafka.bootstrapServers, 'resume-alone', 'resume-alone-group', [], { resumeFrom: position });
    try {
      const [after] = await readUntil([second], 32 - readBefore.length);
      const readAfter = idsOf(after ?? []);
      expect([...readBefore, ...readAfter].sort((x, y) => x - y)).toEqual(range(0, 32));
      expect(new Set(readAfter).size).toBe(readAfter.length);
      expect(readAfter.some((id) => readBefore.includes(id))).toBe(false);
      // Partitions it did not read again keep their stored offsets in the new position.
      const last = (after ?? [])[(after ?? []).length - 1] as SourceBatch;
      expect(last.position).toEqual({ topic: 'resume-alone', offsets: { '0': 8, '1': 8, '2': 8, '3': 8 } });
    } finally {
      await second.close();
    }
  });

  it('seeks a partition to the stored position when a rebalance assigns it later', async () => {
    await kcatProduce(kafka.bootstrapServers, 'resume-later', records(0, 16));
    const stored: SourcePosition = { topic: 'resume-later', offsets: { '0': 2, '1': 3, '2': 4, '3': 1 } };
    // Another member holds part of the group's partitions (paused, reading nothing) when the source opens.
    const other = new Kafka({ brokers: [...kafka.brokers], logLevel: logLevel.NOTHING }).consumer({ groupId: 'resume-later-group', sessionTimeout: 6000, heartbeatInterval: 500, maxWaitTimeInMs: 100 });
    await other.connect();
    await other.subscribe({ topic: 'resume-later', fromBeginning: true });
    await other.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch: () => Promise.resolve() });
    other.pause([{ topic: 'resume-later' }]);
    const source = await openSource(kafka.bootstrapServers, 'resume-later', 'resume-later-group', [], { resumeFrom: stored });
    try {
      await waitFor(() => source.assignment().length > 0 && source.assignment().length < 4);
      await other.disconnect();
      await waitFor(() => source.assignment().length === 4);
      // Records at or after the stored offset of each partition: partition p holds ids p, p + 4, p + 8, p + 12.
      const expected = range(0, 16).filter((id) => Math.floor(id / 4) >= (stored['offsets'] as Record<string, number>)[String(id % 4)]!);
      const [read] = await readUntil([source], expected.length);
      expect(idsOf(read ?? [])).toEqual(expected);
    } finally {
      await source.close();
      await other.disconnect();
    }
  });

  it('starts per its configuration when the stored position is of another topic, and rejects one that is not a position', async () => {
    await kcatProduce(kafka.bootstrapServers, 'resume-other', records(0, 3).map((r) => ({ value: r.value, partition: 0 })));
    const source = await openSource(kafka.bootstrapServers, 'resume-other', 'resume-other-group', [], { resumeFrom: { topic: 'renamed', offsets: { '0': 2 } } });
    try {
      const [read] = await readUntil([source], 3);
      expect(idsOf(read ?? [])).toEqual([0, 1, 2]);
    } finally {
      await source.close();
    }
    await expect(openSource(kafka.bootstrapServers, 'resume-other', 'resume-other-group', [], { resumeFrom: { topic: 'resume-other', offsets: { '0': -1 } } })).rejects.toThrow(
      "source 'resume-other': the stored position to resume from is not a Kafka position (partition '0' has offset -1)",
    );
  });
});
