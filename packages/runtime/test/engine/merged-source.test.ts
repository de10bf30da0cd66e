import { Schema, SqlTypes, createBatch, type Source, type SourceBatch } from '@velots/core';
import { describe, expect, it } from 'vitest';
import { MergedSource } from '../../src/engine/merged-source.js';

const schema = Schema.of(['t', SqlTypes.BIGINT]);

/** A bounded source handing out batches of `size` records whose event times are `times`. */
function timesSource(name: string, times: readonly number[], size: number): Source {
  let at = 0;
  return {
    name,
    bounded: true,
    open: async () => schema,
    next: async (): Promise<SourceBatch | undefined> => {
      if (at >= times.length) return undefined;
      const slice = times.slice(at, (at += size));
      return { batch: createBatch(schema, slice.map((t) => [t]), slice), position: {} };
    },
    commit: async () => undefined,
    close: async () => undefined,
  };
}

/** Reads a merged source to its end: each batch as `member:first-last event time`. */
async function readAll(merged: MergedSource): Promise<string[]> {
  const out: string[] = [];
  for (let read = await merged.next(100); read !== undefined; read = await merged.next(100)) {
    const times = read.batch.eventTimes;
    if (times.length > 0) out.push(`${read.input}:${times[0]}-${times[times.length - 1]}`);
  }
  return out;
}

describe('MergedSource in event-time step', () => {
  // Dense: one record per ms; sparse: one per 5 ms. Read batch for batch, the sparse member would run far ahead.
  const dense = Array.from({ length: 40 }, (_, i) => i);
  const sparse = Array.from({ length: 8 }, (_, i) => i * 5);

  it('reads the member furthest behind next, so neither runs ahead of the other by more than a batch', async () => {
    const merged = new MergedSource('join', undefined, [timesSource('dense', dense, 10), timesSource('sparse', sparse, 2)], true);
    expect(await readAll(merged)).toEqual(['0:0-9', '1:0-5', '1:10-15', '0:10-19', '1:20-25', '0:20-29', '1:30-35', '0:30-39']);
  });

  it('delivers every record of both members, as the unaligned merge does', async () => {
    const aligned = await readAll(new MergedSource('join', undefined, [timesSource('dense', dense, 3), timesSource('sparse', sparse, 3)], true));
    const plain = await readAll(new MergedSource('join', undefined, [timesSource('dense', dense, 3), timesSource('sparse', sparse, 3)]));
    expect([...aligned].sort()).toEqual([...plain].sort());
  });
});
