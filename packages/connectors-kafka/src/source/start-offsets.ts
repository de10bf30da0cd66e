import { ErrorCodes, VeloError } from '@velots/core';
import type { Admin } from 'kafkajs';
import type { KafkaSourceOptions } from './kafka-source-options.js';
import type { PartitionProgress } from './partition-progress.js';

/**
 * Records in `progress` where each partition of the source's topic starts — the stored position when resuming
 * (`resume`: partition → next offset), else the group's committed offset, else earliest/latest — and its current end
 * (high watermark), read with `admin` (connected).
 */
export async function readStartOffsets(
  admin: Admin,
  options: Pick<KafkaSourceOptions, 'name' | 'topic' | 'groupId' | 'autoOffsetReset'>,
  progress: PartitionProgress,
  resume: ReadonlyMap<number, number> | undefined,
): Promise<void> {
  const { name, topic, groupId, autoOffsetReset } = options;
  const ends = await admin.fetchTopicOffsets(topic).catch((error: Error) => {
    throw new VeloError(ErrorCodes.CONFIG, `source '${name}': cannot read topic '${topic}': ${error.message}`, { cause: error });
  });
  const committed = await admin.fetchOffsets({ groupId, topics: [topic] });
  const committedOf = new Map((committed[0]?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
  for (const { partition, low, high } of ends) {
    const stored = resume?.get(partition);
    const done = committedOf.get(partition) ?? -1;
    const start = stored ?? (done >= 0 ? done : autoOffsetReset === 'earliest' ? Number(low) : Number(high));
    progress.initialise(partition, Number(low), start, Number(high), stored !== undefined);
  }
}
