import { expect } from 'vitest';
import { query, type QueryOptions, type ResultRow } from '../src/index.js';

/** The batch sizes every stateful specification runs at: one record per batch, an odd size, and the default. */
export const BATCH_SIZES: readonly (number | undefined)[] = [1, 7, undefined];

/**
 * Runs `run` once per batch size of BATCH_SIZES and asserts that every run gives the same output as the
 * first: micro-batches are an execution detail and must never change a result. Returns that output.
 */
export async function atEveryBatchSize<T>(run: (batchSize: number | undefined) => Promise<T>): Promise<T> {
  const outputs: T[] = [];
  for (const size of BATCH_SIZES) outputs.push(await run(size));
  for (let i = 1; i < outputs.length; i++) {
    expect(outputs[i], `output at batch size ${BATCH_SIZES[i] ?? 'default'} differs from batch size ${BATCH_SIZES[0]}`).toEqual(outputs[0]);
  }
  return outputs[0]!;
}

/** Every row of `query(sql)`, the same at every batch size (asserted). */
export function queryAtEveryBatchSize(sql: string, options: QueryOptions): Promise<ResultRow[]> {
  return atEveryBatchSize(async (batchSize) => {
    const out: ResultRow[] = [];
    for await (const row of query(sql, { ...options, batchSize })) out.push(row);
    return out;
  });
}
