import { Schema, SqlTypes, type Row } from '@velots/core';
import type { FramePlan } from '@velots/planner';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { call, over, runAnalytic } from './analytic-harness.js';

const schema = Schema.of(
  ['id', SqlTypes.BIGINT],
  ['g', SqlTypes.STRING],
  ['k', SqlTypes.BIGINT],
  ['v', SqlTypes.BIGINT],
);
const c = (name: string, args: string[], frame?: FramePlan) => call(name, args, frame ? { schema, frame } : { schema });

/** What a SQL engine gives for one row, from its whole partition in order (the reference). */
function reference(partition: readonly Row[], i: number, before: number, after: number): unknown[] {
  const v = (j: number) => (j >= 0 && j < partition.length ? (partition[j]![3] as number) : null);
  let sum: number | null = null;
  for (let j = Math.max(0, i - before); j <= Math.min(partition.length - 1, i + after); j++)
    sum = (sum ?? 0) + (partition[j]![3] as number);
  let rank = i;
  while (rank > 0 && partition[rank - 1]![2] === partition[i]![2]) rank--;
  return [i + 1, rank + 1, v(i - 1), v(i + 2), sum];
}

describe('analytic results on input that arrives in ORDER BY order', () => {
  it('equal a SQL engine’s for ROW_NUMBER, RANK, LAG, LEAD and ROWS frame SUMs, whatever the batch sizes', () => {
    const input = fc.array(
      fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.integer({ min: 0, max: 3 }), fc.integer({ min: -50, max: 50 })),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(
        input,
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 1, max: 7 }),
        (raw, before, after, batchSize) => {
          // Non-decreasing k: the ORDER BY order is the arrival order (ties included).
          let k = 0;
          const rows: Row[] = raw.map(([g, step, v], id) => [id, g, (k += step % 2), v]);
          const frame = {
            unit: 'ROWS' as const,
            start: { kind: 'PRECEDING' as const, offset: before },
            end: { kind: 'FOLLOWING' as const, offset: after },
          };
          const window = over({ partitionBy: ['g'], orderBy: ['k'], schema }, [
            c('ROW_NUMBER', []),
            c('RANK', []),
            c('LAG', ['v']),
            c('LEAD', ['v', '2']),
            c('SUM', ['v'], frame),
          ]);
          const batches: Row[][] = [];
          for (let i = 0; i < rows.length; i += batchSize) batches.push(rows.slice(i, i + batchSize));
          const out = runAnalytic([window], batches, { schema }).rows;
          expect(out.length).toBe(rows.length);
          const byId = new Map(out.map((r) => [r[0] as number, r.slice(4)]));
          for (const row of rows) {
            const partition = rows.filter((r) => r[1] === row[1]);
            expect(byId.get(row[0] as number)).toEqual(reference(partition, partition.indexOf(row), before, after));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
