import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import type { KafkaSourceOptions } from './kafka-source.js';
import type { PartitionProgress } from './partition-progress.js';

/**
 * The first message values of every partition, read by a throwaway consumer group that commits nothing: the
 * schema sample of a JSON source whose own group has nothing new to read (a re-run over a topic already
 * consumed). Reads until `sampleSize` values or the end offsets seen at open.
 */
export async function sampleTopicStart(kafka: Kafka, options: KafkaSourceOptions, progress: PartitionProgress, signal: AbortSignal): Promise<Uint8Array[]> {
  const consumer = kafka.consumer({ groupId: `${options.groupId}.schema-sample.${randomUUID()}`, maxWaitTimeInMs: options.maxWaitMs, sessionTimeout: options.sessionTimeoutMs, allowAutoTopicCreation: false });
  const payloads: Uint8Array[] = [];
  const fetchedTo = new Map<number, number>();
  const partitions = progress.assignedPartitions();
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const onAbort = (): void => finish();
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    await consumer.connect();
    await consumer.subscribe({ topic: options.topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        for (const message of batch.messages) if (message.value !== null && payloads.length < options.sampleSize) payloads.push(message.value);
        if (batch.messages.length > 0) fetchedTo.set(batch.partition, Number(batch.lastOffset()) + 1);
        const complete = partitions.every((p) => (fetchedTo.get(p) ?? progress.lowOf(p)) >= progress.endOf(p));
        if (payloads.length >= options.sampleSize || complete) finish();
      },
    });
    await finished;
    return payloads;
  } finally {
    signal.removeEventListener('abort', onAbort);
    await consumer.disconnect();
  }
}
