import { ErrorCodes, VeloError, type SourcePosition } from '@velots/core';
import type { PartitionOffsets } from './partition-progress.js';

/** What a Kafka source position holds: the topic and the next offset per partition read so far. */
export interface KafkaSourcePosition {
  readonly topic: string;
  readonly offsets: PartitionOffsets;
}

/**
 * The next offset per partition of a position this source produced (`SourceContext.resumeFrom`), or undefined when
 * there is none or it belongs to another topic (the source was pointed elsewhere: it starts per its config). A
 * position that is not one a Kafka source writes is a CONFIG error rather than a silent restart from scratch.
 */
export function resumeOffsets(resumeFrom: SourcePosition | undefined, topic: string, sourceName: string): Map<number, number> | undefined {
  if (resumeFrom === undefined) return undefined;
  const { topic: storedTopic, offsets } = resumeFrom as Partial<Record<keyof KafkaSourcePosition, unknown>>;
  const invalid = (why: string): VeloError =>
    new VeloError(ErrorCodes.CONFIG, `source '${sourceName}': the stored position to resume from is not a Kafka position (${why}): ${JSON.stringify(resumeFrom)}`);
  if (typeof storedTopic !== 'string') throw invalid('no topic');
  if (typeof offsets !== 'object' || offsets === null || Array.isArray(offsets)) throw invalid('no offsets per partition');
  if (storedTopic !== topic) return undefined;
  const out = new Map<number, number>();
  for (const [partition, offset] of Object.entries(offsets as Record<string, unknown>)) {
    const p = Number(partition);
    if (!Number.isInteger(p) || p < 0 || typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0) {
      throw invalid(`partition '${partition}' has offset ${JSON.stringify(offset)}`);
    }
    out.set(p, offset);
  }
  return out;
}

/** The offsets of `position` for the partitions in `owned`, as kafkajs commits them (an older offset of another member's would only rewind it). */
export function ownedOffsets(position: SourcePosition, topic: string, owned: readonly number[]): { topic: string; partition: number; offset: string }[] {
  const { offsets } = position as unknown as KafkaSourcePosition;
  const mine = new Set(owned);
  return Object.entries(offsets)
    .filter(([partition]) => mine.has(Number(partition)))
    .map(([partition, offset]) => ({ topic, partition: Number(partition), offset: String(offset) }));
}
