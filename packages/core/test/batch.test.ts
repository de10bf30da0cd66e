import { describe, expect, it } from 'vitest';
import { BatchBuilder, Schema, SqlTypes, batchSize, createBatch, emptyBatch } from '@velots/core';

const schema = Schema.of(['id', SqlTypes.BIGINT], ['name', SqlTypes.STRING]);

describe('createBatch and emptyBatch', () => {
  it('createBatch carries rows and event times, defaulting event times to 0', () => {
    const rows = [
      [1, 'a'],
      [2, 'b'],
    ];
    expect(createBatch(schema, rows, [10, 20])).toEqual({ schema, rows, eventTimes: [10, 20] });
    expect(createBatch(schema, rows)).toEqual({ schema, rows, eventTimes: [0, 0] });
    expect(batchSize(createBatch(schema, rows))).toBe(2);
  });

  it('createBatch refuses event times that do not pair one-to-one with the rows', () => {
    expect(() => createBatch(schema, [[1, 'a']], [1, 2])).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', message: 'createBatch got 1 rows but 2 event times' }),
    );
    expect(() => createBatch(schema, [[1, 'a']], [])).toThrow('createBatch got 1 rows but 0 event times');
  });

  it('emptyBatch has no records', () => {
    expect(emptyBatch(schema)).toEqual({ schema, rows: [], eventTimes: [] });
    expect(batchSize(emptyBatch(schema))).toBe(0);
  });
});

describe('BatchBuilder', () => {
  it('carries only rows and event times when no record has metadata', () => {
    const builder = new BatchBuilder(schema);
    builder.push([1, 'a'], 100);
    builder.push([2, 'b'], 200, {});
    expect(builder.length).toBe(2);
    expect(builder.finish()).toEqual({
      schema,
      rows: [
        [1, 'a'],
        [2, 'b'],
      ],
      eventTimes: [100, 200],
      timestamps: undefined,
      keys: undefined,
      headers: undefined,
      partitions: undefined,
      offsets: undefined,
      topic: undefined,
    });
  });

  it('allocates a metadata array on first use and back-fills the records before it', () => {
    const builder = new BatchBuilder(schema, 'payments');
    builder.push([1, 'a'], 100);
    builder.push([2, 'b'], 200);
    builder.push([3, 'c'], 300, {
      timestamp: 310,
      key: 'k3',
      headers: { trace: 'x' },
      partition: 4,
      offset: 1000,
    });
    const batch = builder.finish();
    expect(batch.topic).toBe('payments');
    expect(batch.timestamps).toEqual([100, 200, 310]); // earlier records take their event time
    expect(batch.keys).toEqual([null, null, 'k3']);
    expect(batch.headers).toEqual([undefined, undefined, { trace: 'x' }]);
    expect(batch.partitions).toEqual([0, 0, 4]);
    expect(batch.offsets).toEqual([0, 1, 1000]); // earlier records take their index
  });

  it('pads allocated metadata arrays for later records without that metadata', () => {
    const builder = new BatchBuilder(schema);
    const key = new Uint8Array([1, 2]);
    builder.push([1, 'a'], 100, { key, timestamp: 90, offset: 7, partition: 2, headers: { h: 'v' } });
    builder.push([2, 'b'], 200);
    builder.push([3, 'c'], 300, { key: null });
    const batch = builder.finish();
    expect(batch.keys).toEqual([key, null, null]);
    expect(batch.timestamps).toEqual([90, 200, 300]);
    expect(batch.offsets).toEqual([7, 1, 2]);
    expect(batch.partitions).toEqual([2, 0, 0]);
    expect(batch.headers).toEqual([{ h: 'v' }, undefined, undefined]);
    for (const array of [batch.keys, batch.timestamps, batch.offsets, batch.partitions, batch.headers]) {
      expect(array).toHaveLength(batch.rows.length);
    }
  });

  it('allocates each metadata array independently', () => {
    const builder = new BatchBuilder(schema);
    builder.push([1, 'a'], 100, { partition: 1 });
    builder.push([2, 'b'], 200, { key: 'k' });
    const batch = builder.finish();
    expect(batch.partitions).toEqual([1, 0]);
    expect(batch.keys).toEqual([null, 'k']);
    expect(batch.timestamps).toBeUndefined();
    expect(batch.headers).toBeUndefined();
    expect(batch.offsets).toBeUndefined();
  });

  it('starts afresh after finish, keeping the batch it returned intact', () => {
    const builder = new BatchBuilder(schema, 'in');
    builder.push([1, 'a'], 100, { key: 'k1' });
    const first = builder.finish();
    expect(builder.length).toBe(0);
    builder.push([2, 'b'], 200);
    const second = builder.finish();
    expect(first.rows).toEqual([[1, 'a']]);
    expect(first.keys).toEqual(['k1']);
    expect(second).toEqual({
      schema,
      rows: [[2, 'b']],
      eventTimes: [200],
      timestamps: undefined,
      keys: undefined,
      headers: undefined,
      partitions: undefined,
      offsets: undefined,
      topic: 'in',
    });
  });
});
