import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { SqlTypes, isDecimalValue, isVeloError, type SqlValue } from '@velots/core';
import { Decimal } from '@velots/decimal';
import { defaultAggregateCatalog } from '../../src/aggregates/catalog.js';
import { aggregate, aggregateSplit, decimal, type AggregateCall } from './run-aggregate.js';

const { BIGINT, DOUBLE, STRING } = SqlTypes;

/**
 * The merge contract, for every aggregate of the catalog: rows split across two accumulators, the second
 * merged into the first, give the result of one accumulator fed every row (errors included). Exact for
 * every aggregate except the Welford/Chan statistics, which agree to floating-point rounding (1e-9 relative).
 */

type Rows = SqlValue[][];

const nullable = <T extends SqlValue>(arb: fc.Arbitrary<T>): fc.Arbitrary<SqlValue> =>
  fc.option(arb, { nil: null, freq: 5 });
const oneColumn = (arb: fc.Arbitrary<SqlValue>): fc.Arbitrary<Rows> =>
  fc.array(nullable(arb), { maxLength: 40 }).map((vs) => vs.map((v) => [v]));

const bigints = oneColumn(
  fc.oneof(
    fc.integer({ min: -1000, max: 1000 }),
    fc
      .bigInt({ min: -(2n ** 62n), max: 2n ** 62n })
      .map((b) => (b >= -(2n ** 53n) + 1n && b <= 2n ** 53n - 1n ? Number(b) : b)),
  ),
);
const smallInts = oneColumn(fc.integer({ min: -20, max: 20 }));
const doubles = oneColumn(
  fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }),
    fc.constantFrom(0.1, 0.2, 0.3, 1e100, -1e100),
  ),
);
const decimals = oneColumn(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }).map((u) => Decimal.fromUnscaled(u, 2)));
const strings = oneColumn(fc.string({ maxLength: 3 }));
const pairs: fc.Arbitrary<Rows> = fc.array(
  fc.tuple(nullable(fc.integer({ min: -50, max: 50 })), nullable(fc.integer({ min: -50, max: 50 }))),
  { maxLength: 40 },
);
const withConstant = (rows: fc.Arbitrary<Rows>, constant: SqlValue, first: boolean): fc.Arbitrary<Rows> =>
  rows.map((rs) => rs.map(([v]) => (first ? [constant, v as SqlValue] : [v as SqlValue, constant])));

interface MergeCase {
  readonly call: AggregateCall;
  readonly rows: fc.Arbitrary<Rows>;
  readonly close?: boolean;
}

const STATS = ['STDDEV', 'STDDEV_POP', 'VARIANCE', 'VAR_POP'];
const PAIR_STATS = ['CORR', 'COVAR_POP', 'COVAR_SAMP', 'REGR_SLOPE', 'REGR_INTERCEPT', 'REGR_R2'];

const CASES: readonly MergeCase[] = [
  { call: { name: 'COUNT', argTypes: [] }, rows: smallInts.map((rs) => rs.map(() => [])) },
  { call: { name: 'COUNT', argTypes: [STRING] }, rows: strings },
  { call: { name: 'COUNT', argTypes: [BIGINT], distinct: true }, rows: smallInts },
  { call: { name: 'COUNT_DISTINCT', argTypes: [decimal(30, 2)] }, rows: decimals },
  { call: { name: 'APPROX_COUNT_DISTINCT', argTypes: [BIGINT] }, rows: bigints },
  {
    call: { name: 'APPROX_COUNT_DISTINCT', argTypes: [STRING] },
    rows: fc.array(fc.integer({ min: 0, max: 3000 }), { maxLength: 1500 }).map((vs) => vs.map((v) => [`v${v}`])),
  },
  { call: { name: 'SUM', argTypes: [BIGINT] }, rows: bigints },
  { call: { name: 'SUM', argTypes: [DOUBLE] }, rows: doubles },
  { call: { name: 'SUM', argTypes: [decimal(30, 2)] }, rows: decimals },
  { call: { name: 'SUM', argTypes: [BIGINT], distinct: true }, rows: smallInts },
  { call: { name: 'AVG', argTypes: [BIGINT] }, rows: bigints },
  { call: { name: 'AVG', argTypes: [DOUBLE] }, rows: doubles },
  { call: { name: 'AVG', argTypes: [decimal(30, 2)] }, rows: decimals },
  { call: { name: 'AVG', argTypes: [decimal(30, 2)], distinct: true }, rows: decimals },
  { call: { name: 'MIN', argTypes: [STRING] }, rows: strings },
  { call: { name: 'MAX', argTypes: [BIGINT] }, rows: bigints },
  { call: { name: 'DELTA', argTypes: [BIGINT] }, rows: bigints },
  { call: { name: 'DELTA', argTypes: [decimal(30, 2)] }, rows: decimals },
  ...STATS.map((name) => ({ call: { name, argTypes: [DOUBLE] }, rows: smallInts, close: true })),
  { call: { name: 'MEDIAN', argTypes: [DOUBLE] }, rows: doubles },
  { call: { name: 'MEDIAN', argTypes: [decimal(30, 2)] }, rows: decimals },
  {
    call: { name: 'PERCENTILE_CONT', argTypes: [DOUBLE, BIGINT], constants: [0.3, undefined] },
    rows: withConstant(bigints, 0.3, true),
  },
  {
    call: { name: 'PERCENTILE_DISC', argTypes: [DOUBLE, STRING], constants: [0.75, undefined] },
    rows: withConstant(strings, 0.75, true),
  },
  { call: { name: 'FIRST_VALUE', argTypes: [BIGINT] }, rows: smallInts },
  { call: { name: 'LAST_VALUE', argTypes: [BIGINT] }, rows: smallInts },
  {
    call: { name: 'STRING_AGG', argTypes: [STRING, STRING], constants: [undefined, ';'] },
    rows: withConstant(strings, ';', false),
  },
  {
    call: { name: 'STRING_AGG', argTypes: [BIGINT, STRING], constants: [undefined, ','], distinct: true },
    rows: withConstant(smallInts, ',', false),
  },
  { call: { name: 'LISTAGG', argTypes: [STRING] }, rows: strings },
  ...PAIR_STATS.map((name) => ({ call: { name, argTypes: [DOUBLE, DOUBLE] }, rows: pairs, close: true })),
];

/** A comparable outcome: the value (decimals as text), or the error code thrown. */
function outcome(run: () => SqlValue): unknown {
  try {
    const v = run();
    return isDecimalValue(v) ? `decimal ${v.toString()}` : v;
  } catch (error) {
    if (isVeloError(error)) return `error ${error.code}`;
    throw error;
  }
}

function expectAgree(split: unknown, whole: unknown, close: boolean): void {
  if (close && typeof split === 'number' && typeof whole === 'number') {
    expect(Math.abs(split - whole)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(split), Math.abs(whole)));
  } else {
    expect(split).toEqual(whole);
  }
}

describe('merging partial accumulators', () => {
  it('has a case for every aggregate of the catalog', () => {
    const covered = new Set(CASES.map((c) => defaultAggregateCatalog.lookup(c.call.name)?.name));
    expect([...defaultAggregateCatalog.names()].filter((n) => !covered.has(n))).toEqual([]);
  });

  for (const { call, rows, close } of CASES) {
    const label = `${call.name}(${call.distinct ? 'DISTINCT ' : ''}${call.argTypes.map((t) => t.kind).join(', ') || '*'})`;
    it(`${label}: split in two and merged equals one accumulator`, () => {
      fc.assert(
        fc.property(rows, fc.nat(), (rs, cut) => {
          const at = cut % (rs.length + 1);
          const whole = outcome(() => aggregate(call, rs));
          expectAgree(
            outcome(() => aggregateSplit(call, rs, at)),
            whole,
            close ?? false,
          );
        }),
        { numRuns: call.name === 'APPROX_COUNT_DISTINCT' ? 60 : 200 },
      );
    });
  }
});
