import { describe, expect, it } from 'vitest';
import { Schema, SqlTypes } from '@velots/core';
import { TextBatchBuilder } from '../../src/connectors/file/text-batch-builder.js';

const schema = Schema.of(['v', SqlTypes.BIGINT]);

describe('TextBatchBuilder', () => {
  it('fills read time, partition, event times and consecutive offsets for the whole batch', () => {
    const builder = new TextBatchBuilder(schema, 'src', 1000);
    builder.push([1], 1000, 5);
    builder.push([2], 1000, 6);
    builder.push([3], 1000, 7);
    const batch = builder.finish();
    expect(batch.rows).toEqual([[1], [2], [3]]);
    expect(batch.eventTimes).toEqual([1000, 1000, 1000]);
    expect(batch.timestamps).toEqual([1000, 1000, 1000]);
    expect(batch.partitions).toEqual([0, 0, 0]);
    expect(batch.offsets).toEqual([5, 6, 7]);
    expect(batch.topic).toBe('src');
  });

  it('keeps event times other than the read time and offsets with gaps (a skipped bad record), -0 included', () => {
    const builder = new TextBatchBuilder(schema, 'src', 0);
    builder.push([1], 0, 0);
    builder.push([2], 0, 2);
    builder.push([3], 42, 3);
    builder.push([4], -0, 4);
    const batch = builder.finish();
    expect(batch.offsets).toEqual([0, 2, 3, 4]);
    expect(batch.eventTimes).toEqual([0, 0, 42, -0]);
    expect(Object.is(batch.eventTimes[3], -0)).toBe(true);
    expect(batch.timestamps).toEqual([0, 0, 0, 0]);
  });

  it('gives an empty batch without metadata arrays', () => {
    const batch = new TextBatchBuilder(schema, 'src', 7).finish();
    expect(batch.rows).toEqual([]);
    expect(batch.eventTimes).toEqual([]);
    expect(batch.offsets).toBeUndefined();
  });
});
