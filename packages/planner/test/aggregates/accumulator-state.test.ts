import { describe, expect, it } from 'vitest';
import { SqlTypes, type SqlValue } from '@velots/core';
import { dec, decimal, prepareCall, type AggregateCall } from './run-aggregate.js';

const { BIGINT, DOUBLE, STRING, INTEGER } = SqlTypes;

/** Deterministic rows of `[bigint, double, decimal, string]`, with NULLs, huge bigints and many distinct values. */
const rows: SqlValue[][] = Array.from({ length: 1500 }, (_, i) => [
  i % 17 === 0 ? null : i % 5 === 0 ? 2n ** 53n + BigInt(i) : (i * 7919) % 1000,
  i % 13 === 0 ? null : ((i * 31) % 97) / 7 - 5 + (i % 100 === 0 ? 1e300 : 0),
  i % 11 === 0 ? null : dec(`${(i * 37) % 1000}.${String(i % 1000).padStart(3, '0')}`),
  i % 19 === 0 ? null : `s${(i * 13) % 600}`,
]);

/** Each call with the row columns its arguments read. */
const calls: readonly (readonly [AggregateCall, readonly number[]])[] = [
  [{ name: 'COUNT', argTypes: [] }, []],
  [{ name: 'COUNT', argTypes: [STRING] }, [3]],
  [{ name: 'COUNT', argTypes: [STRING], distinct: true }, [3]],
  [{ name: 'COUNT_DISTINCT', argTypes: [DOUBLE] }, [1]],
  [{ name: 'APPROX_COUNT_DISTINCT', argTypes: [STRING] }, [3]],
  [{ name: 'APPROX_COUNT_DISTINCT', argTypes: [INTEGER] }, [0]],
  [{ name: 'SUM', argTypes: [BIGINT] }, [0]],
  [{ name: 'SUM', argTypes: [DOUBLE] }, [1]],
  [{ name: 'SUM', argTypes: [decimal(18, 3)] }, [2]],
  [{ name: 'AVG', argTypes: [BIGINT] }, [0]],
  [{ name: 'AVG', argTypes: [DOUBLE] }, [1]],
  [{ name: 'AVG', argTypes: [decimal(18, 3)] }, [2]],
  [{ name: 'MIN', argTypes: [decimal(18, 3)] }, [2]],
  [{ name: 'MAX', argTypes: [STRING] }, [3]],
  [{ name: 'DELTA', argTypes: [BIGINT] }, [0]],
  [{ name: 'FIRST_VALUE', argTypes: [STRING] }, [3]],
  [{ name: 'LAST_VALUE', argTypes: [decimal(18, 3)] }, [2]],
  [{ name: 'STRING_AGG', argTypes: [STRING, STRING], constants: [undefined, '|'] }, [3, 3]],
  [{ name: 'MEDIAN', argTypes: [DOUBLE] }, [1]],
  [{ name: 'PERCENTILE_CONT', argTypes: [DOUBLE, decimal(18, 3)], constants: [0.25, undefined] }, [1, 2]],
  [{ name: 'VAR_SAMP', argTypes: [DOUBLE] }, [1]],
  [{ name: 'STDDEV_POP', argTypes: [BIGINT] }, [0]],
  [{ name: 'CORR', argTypes: [DOUBLE, DOUBLE] }, [1, 1]],
  [{ name: 'REGR_SLOPE', argTypes: [DOUBLE, BIGINT] }, [1, 0]],
  [{ name: 'SUM', argTypes: [BIGINT], distinct: true }, [0]],
];

const argsOf = (columns: readonly number[]) => rows.map((row) => columns.map((c) => row[c]!));

describe('an accumulator restored from its snapshot goes on exactly where the original stood', () => {
  for (const [call, columns] of calls) {
    const label = `${call.name}${call.distinct ? ' DISTINCT' : ''}(${call.argTypes.map((t) => t.kind).join(', ')})`;
    it(label, () => {
      const prepared = prepareCall(call);
      const input = argsOf(columns);
      for (const cut of [0, 1, 600, 1499]) {
        const reference = prepared.feed(prepared.create(), input);
        const original = prepared.feed(prepared.create(), input.slice(0, cut));
        const state = original.snapshot();
        const restored = prepared.create();
        restored.restore(state);
        expect(restored.result(), `${label} restored after ${cut} rows`).toEqual(original.result());
        // The original goes on after the snapshot: the snapshot must not move with it.
        prepared.feed(original, input.slice(cut));
        const later = prepared.create();
        later.restore(state);
        prepared.feed(restored, input.slice(cut));
        prepared.feed(later, input.slice(cut));
        expect(restored.result(), `${label} cut after ${cut}`).toEqual(reference.result());
        expect(later.result(), `${label} restored after the original went on`).toEqual(reference.result());
        // A restored accumulator merges like the original.
        const merged = prepared.feed(prepared.create(), input.slice(0, 10));
        merged.merge(restored);
        const direct = prepared.feed(prepared.create(), input.slice(0, 10));
        direct.merge(reference);
        expect(merged.result()).toEqual(direct.result());
      }
    });
  }
});
