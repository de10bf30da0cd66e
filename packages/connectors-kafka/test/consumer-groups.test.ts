import { kcatProduce, startMockKafka, type MockKafka } from '@velots/kafka-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KafkaSource } from '../src/index.js';
import { openSource, readUntil, waitFor } from './support/sources.js';

function records(from: number, to: number): { value: string; partition: number }[] {
  const out: { value: string; partition: number }[] = [];
  for (let id = from; id < to; id++) out.push({ value: `{"id":${id},"symbol":"S${id % 5}"}`, partition: id % 4 });
  return out;
}

describe('kafka_source in a consumer group', () => {
  let kafka: MockKafka;
  beforeAll(async () => {
    kafka = await startMockKafka({ topics: [{ name: 'shared', partitions: 4 }, { name: 'resumed', partitions: 4 }] });
  });
  afterAll(async () => {
    await kafka.stop();
  });

  it('shares the partitions between two members: each record reaches exactly one of them', async () => {
    const a = await openSource(kafka.bootstrapServers, 'shared', 'sharing');
    const b = await openSource(kafka.bootstrapServers, 'shared', 'sharing');
    try {
      await waitFor(() => a.assignment().length > 0 && b.assignment().length > 0 && a.assignment().length + b.assignment().length === 4);
      expect([...a.assignment(), ...b.assignment()].sort()).toEqual([0, 1, 2, 3]);
      await kcatProduce(kafka.bootstrapServers, 'shared', records(0, 40));
      const [fromA, fromB] = await readUntil([a, b], 40);
      const idsOf = (batches: typeof fromA): number[] => (batches ?? []).flatMap((r) => r.batch.rows.map((row) => row[0] as number));
      const partitionsOf = (batches: typeof fromA): number[] => [...new Set((batches ?? []).flatMap((r) => r.batch.partitions ?? []))].sort();
      expect(partitionsOf(fromA)).toEqual([...a.assignment()]);
      expect(partitionsOf(fromB)).toEqual([...b.assignment()]);
      expect([...idsOf(fromA), ...idsOf(fromB)].sort((x, y) => x - y)).toEqual(records(0, 40).map((_, i) => i));
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('resumes from the committed offsets after a restart: nothing lost, nothing read twice', async () => {
    await kcatProduce(kafka.bootstrapServers, 'resumed', records(0, 20));
    const first: KafkaSource = await openSource(kafka.bootstrapServers, 'resumed', 'restarting');
    const [read] = await readUntil([first], 20);
    const last = read?.[read.length - 1];
    if (!last) throw new Error('nothing read');
    await first.commit(last.position);
    await first.close();
    await kcatProduce(kafka.bootstrapServers, 'resumed', records(20, 32));
    const second = await openSource(kafka.bootstrapServers, 'resumed', 'restarting');
    try {
      const [again] = await readUntil([second], 12);
      const ids = (again ?? []).flatMap((r) => r.batch.rows.map((row) => row[0] as number)).sort((x, y) => x - y);
      expect(ids).toEqual(records(20, 32).map((_, i) => 20 + i));
      expect(last.position).toEqual({ topic: 'resumed', offsets: { '0': 5, '1': 5, '2': 5, '3': 5 } });
    } finally {
      await second.close();
    }
  });
});
