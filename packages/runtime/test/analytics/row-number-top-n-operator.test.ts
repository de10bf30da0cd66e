import { ManualClock, Schema, SqlTypes, createBatch, type RecordBatch, type Row } from '@velots/core';
import { describe, expect, it } from 'vitest';
import { AnalyticOperator } from '../../src/analytics/analytic-operator.js';
import { RowNumberTopNOperator } from '../../src/analytics/row-number-top-n-operator.js';
import { decodeState, encodeState } from '../../src/checkpoint/state-codec.js';
import type { Operator, RecordFailure } from '../../src/operators/operator.js';
import { analyticNode, call, over } from './analytic-harness.js';

const bids = Schema.of(['auction', SqlTypes.BIGINT], ['price', SqlTypes.BIGINT], ['bidder', SqlTypes.STRING]);
const WIDTH = bids.fields.length;

/** ROW_NUMBER() OVER (PARTITION BY auction ORDER BY price DESC [NULLS FIRST]), limited to `limit` rows per partition. */
function windows(nullsFirst = false) {
  const window = over({ schema: bids, partitionBy: ['auction'], orderBy: ['price DESC'] }, [call('ROW_NUMBER', [], { schema: bids })]);
  return [{ ...window, orderBy: window.orderBy.map((k) => ({ ...k, nullsFirst })) }];
}

/** Feeds `rows` in batches of `size` (event time = arrival number from `first`); returns every row emitted, finish included unless `finish` is false. */
function run(operator: Operator, rows: readonly Row[], size: number, first = 0, finish = true): Row[] {
  const failures: RecordFailure[] = [];
  const out: Row[] = [];
  for (let i = 0; i < rows.length; i += size) {
    const slice = rows.slice(i, i + size);
    out.push(...operator.process(createBatch(bids, slice, slice.map((_, j) => first + i + j)), failures).rows);
  }
  if (finish) out.push(...(operator.finish?.(failures)?.rows ?? []));
  expect(failures).toEqual([]);
  return out;
}

function topN(limit: number, bounded: boolean, nullsFirst = false): RowNumberTopNOperator {
  return new RowNumberTopNOperator({ ...analyticNode(windows(nullsFirst), bids), rowNumberLimit: limit }, new ManualClock(0), bounded);
}

/** What the unlimited AnalyticOperator gives, filtered on its row number as the reader's WHERE does. */
function reference(rows: readonly Row[], limit: number, bounded: boolean, nullsFirst = false): Row[] {
  const operator = new AnalyticOperator(analyticNode(windows(nullsFirst), bids), new ManualClock(0), bounded);
  return run(operator, rows, rows.length).filter((row) => (row[WIDTH] as number) <= limit);
}

/** Deterministic bids: few auctions, many equal prices (ties), some NULL prices. */
function randomBids(n: number, seed: number): Row[] {
  let state = seed;
  const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  return Array.from({ length: n }, (_, i) => [Math.floor(random() * 5), random() < 0.1 ? null : Math.floor(random() * 8), `b${i}`]);
}

describe('RowNumberTopNOperator', () => {
  it('keeps the highest bid per auction, the earliest arrival among equal prices, in arrival order at the end', () => {
    const rows: Row[] = [
      [1, 10, 'a'],
      [2, 5, 'b'],
      [1, 12, 'c'],
      [1, 12, 'd'],
      [2, 7, 'e'],
      [2, null, 'f'],
    ];
    expect(run(topN(1, true), rows, 2)).toEqual([
      [1, 12, 'c', 1],
      [2, 7, 'e', 1],
    ]);
    expect(run(topN(2, true), rows, 2)).toEqual([
      [2, 5, 'b', 2],
      [1, 12, 'c', 1],
      [1, 12, 'd', 2],
      [2, 7, 'e', 1],
    ]);
  });

  it('sorts NULLs last by default and first with NULLS FIRST', () => {
    const rows: Row[] = [
      [1, 3, 'a'],
      [1, null, 'b'],
      [1, 4, 'c'],
    ];
    expect(run(topN(1, true), rows, 1)).toEqual([[1, 4, 'c', 1]]);
    expect(run(topN(1, true, true), rows, 1)).toEqual([[1, null, 'b', 1]]);
  });

  it('over an unbounded input emits a row on arrival with its number among the rows so far, when that is within the limit', () => {
    const rows: Row[] = [
      [1, 10, 'a'],
      [1, 8, 'b'],
      [1, 9, 'c'],
      [1, 11, 'd'],
    ];
    expect(run(topN(2, false), rows, 1)).toEqual([
      [1, 10, 'a', 1],
      [1, 8, 'b', 2],
      [1, 9, 'c', 2],
      [1, 11, 'd', 1],
    ]);
  });

  it('gives the rows of the unlimited operator filtered on the number, bounded or not, at every batch size', () => {
    for (const seed of [1, 2, 3]) {
      const rows = randomBids(400, seed);
      for (const bounded of [true, false]) {
        for (const limit of [1, 3, 10]) {
          for (const nullsFirst of [false, true]) {
            const expected = reference(rows, limit, bounded, nullsFirst);
            for (const size of [1, 7, 400]) expect(run(topN(limit, bounded, nullsFirst), rows, size), `seed ${seed} limit ${limit} bounded ${bounded} size ${size}`).toEqual(expected);
          }
        }
      }
    }
  });

  it('keeps at most n rows per partition', () => {
    const operator = topN(3, true);
    const failures: RecordFailure[] = [];
    const rows = randomBids(1000, 9);
    operator.process(createBatch(bids, rows, rows.map((_, i) => i)), failures);
    expect(operator.stateEntries()).toBe(15);
  });

  it('carries Kafka metadata (record time, key, partition, offset) of the rows it keeps', () => {
    const rows: Row[] = [
      [1, 1, 'a'],
      [1, 2, 'b'],
    ];
    const batch: RecordBatch = { ...createBatch(bids, rows, [100, 200]), keys: ['k1', 'k2'], partitions: [0, 3], offsets: [41, 42], timestamps: [7, 8], topic: 'bids' };
    const operator = topN(1, true);
    operator.process(batch, []);
    const out = operator.finish()!;
    expect(out.rows).toEqual([[1, 2, 'b', 1]]);
    expect([out.eventTimes, out.keys, out.partitions, out.offsets, out.timestamps, out.topic]).toEqual([[200], ['k2'], [3], [42], [8], 'bids']);
  });

  it('restored from a checkpoint taken mid-stream, goes on as the uninterrupted run', () => {
    const rows = randomBids(300, 5);
    for (const bounded of [true, false]) {
      const expected = run(topN(4, bounded), rows, 13);
      const first = topN(4, bounded);
      const before = run(first, rows.slice(0, 156), 13, 0, false);
      const second = topN(4, bounded);
      second.restore(decodeState(encodeState(first.snapshot())));
      const after = run(second, rows.slice(156), 13, 156);
      expect([...before, ...after]).toEqual(expected);
    }
  });
});
