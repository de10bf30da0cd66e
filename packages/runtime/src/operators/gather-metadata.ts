import type { RecordBatch, Row, Schema } from '@velots/core';

/** Picks `values[indexes[j]]` for each j, or undefined when the input has no such metadata. */
function gather<T>(values: readonly T[] | undefined, indexes: readonly number[]): T[] | undefined {
  if (values === undefined) return undefined;
  const out = new Array<T>(indexes.length);
  for (let j = 0; j < indexes.length; j++) out[j] = values[indexes[j] as number] as T;
  return out;
}

/**
 * Builds an output batch whose record j came from input record `sourceIndex[j]`: rows and event
 * times are new, the other metadata (record time, key, headers, partition, offset) is carried over.
 */
export function batchFromSelection(
  input: RecordBatch,
  schema: Schema,
  rows: Row[],
  eventTimes: number[],
  sourceIndex: number[],
): RecordBatch {
  return {
    schema,
    rows,
    eventTimes,
    timestamps: input.timestamps ? gather(input.timestamps, sourceIndex) : gather(input.eventTimes, sourceIndex),
    keys: gather(input.keys, sourceIndex),
    headers: gather(input.headers, sourceIndex),
    partitions: gather(input.partitions, sourceIndex),
    offsets: gather(input.offsets, sourceIndex),
    topic: input.topic,
  };
}
