// Property tests: every operation agrees with decimal.js (at 200 digits) on random values of every sign,
// size and scale, or raises NUMERIC_OVERFLOW exactly when the true result needs more than 38 digits.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Decimal,
  DecimalSumAccumulator,
  addUnscaled,
  decimalFromAvroBytes,
  decimalToAvroBytes,
  divisionScale,
  mulUnscaled,
  type RoundingMode,
} from '../src/index.js';
import {
  Oracle,
  decimalArb,
  oracleUnscaled,
  overflows,
  roundingArb,
  scaleArb,
  toOracle,
  unscaledBig,
  type OracleValue,
} from './oracle.js';

const RUNS = { numRuns: 2000 };

/** Runs `compute`; checks it against the oracle's exact result rounded to `scale`, or that it overflowed as it must. */
function agrees(compute: () => Decimal, exact: OracleValue, scale: number, rounding: RoundingMode = 'HALF_UP'): void {
  const expected = oracleUnscaled(exact, scale, rounding);
  if (overflows(expected)) {
    expect(compute).toThrow(expect.objectContaining({ code: 'NUMERIC_OVERFLOW' }));
    return;
  }
  const actual = compute();
  expect([unscaledBig(actual), actual.scale]).toEqual([expected, scale]);
  // The representation is canonical: a number exactly when it is a safe integer.
  expect(typeof actual.unscaled === 'number').toBe(expected <= 9007199254740991n && expected >= -9007199254740991n);
}

/** The same check for bare unscaled results of the generated-code functions. */
function agreesUnscaled(compute: () => number | bigint, expected: bigint): void {
  if (overflows(expected)) {
    expect(compute).toThrow(expect.objectContaining({ code: 'NUMERIC_OVERFLOW' }));
    return;
  }
  const actual = compute();
  expect(BigInt(actual)).toBe(expected);
  expect(typeof actual === 'number').toBe(expected <= 9007199254740991n && expected >= -9007199254740991n);
}

describe('arithmetic agrees with decimal.js', () => {
  it('adds and subtracts exactly at scale max(s1, s2)', () => {
    fc.assert(
      fc.property(decimalArb, decimalArb, (a, b) => {
        const scale = Math.max(a.scale, b.scale);
        agrees(() => a.add(b), toOracle(a).plus(toOracle(b)), scale);
        agrees(() => a.sub(b), toOracle(a).minus(toOracle(b)), scale);
      }),
      RUNS,
    );
  });

  it('multiplies exactly at s1 + s2, rounding half away from zero past scale 38', () => {
    fc.assert(
      fc.property(decimalArb, decimalArb, (a, b) => {
        agrees(() => a.mul(b), toOracle(a).times(toOracle(b)), Math.min(a.scale + b.scale, 38));
      }),
      RUNS,
    );
  });

  it('divides with the SQL default scale, and with any explicit scale and rounding mode', () => {
    fc.assert(
      fc.property(decimalArb, decimalArb, scaleArb, roundingArb, (a, b, scale, rounding) => {
        fc.pre(!b.isZero());
        const exact = toOracle(a).div(toOracle(b));
        agrees(() => a.div(b), exact, divisionScale(a.scale, b.unscaled, b.scale));
        agrees(() => a.div(b, { scale, rounding }), exact, scale, rounding);
      }),
      RUNS,
    );
  });

  it('takes the truncated remainder with the sign of the dividend', () => {
    fc.assert(
      fc.property(decimalArb, decimalArb, (a, b) => {
        fc.pre(!b.isZero());
        const exact = toOracle(a).minus(toOracle(a).div(toOracle(b)).trunc().times(toOracle(b)));
        agrees(() => a.mod(b), exact, Math.max(a.scale, b.scale));
      }),
      RUNS,
    );
  });

  it('rescales to any scale in every rounding mode', () => {
    fc.assert(
      fc.property(decimalArb, scaleArb, roundingArb, (a, scale, rounding) => {
        agrees(() => a.rescale(scale, rounding), toOracle(a), scale, rounding);
      }),
      RUNS,
    );
  });

  it('rounds exact ties (…5) of either sign like decimal.js in every mode', () => {
    const tieArb = fc
      .tuple(fc.bigInt({ min: -(10n ** 36n), max: 10n ** 36n }), fc.integer({ min: 1, max: 37 }))
      .map(([unscaled, scale]) => Decimal.fromUnscaled(unscaled * 10n + (unscaled < 0n ? -5n : 5n), scale));
    fc.assert(
      fc.property(tieArb, roundingArb, (a, rounding) => {
        agrees(() => a.rescale(a.scale - 1, rounding), toOracle(a), a.scale - 1, rounding);
      }),
      RUNS,
    );
  });

  it('compares like decimal.js, and equal values share a hash key', () => {
    fc.assert(
      fc.property(decimalArb, decimalArb, (a, b) => {
        expect(a.compare(b)).toBe(toOracle(a).comparedTo(toOracle(b)));
        if (a.precision() + 3 <= 38 && a.scale + 3 <= 38) {
          const c = a.rescale(a.scale + 3); // the same value with three more zeros
          expect(c.equals(a)).toBe(true);
          expect(c.hashKey()).toBe(a.hashKey());
        }
        expect(a.hashKey() === b.hashKey()).toBe(a.equals(b));
      }),
      RUNS,
    );
  });
});

describe('the number path agrees with the bigint path', () => {
  it('adds and multiplies unscaled values into any result scale', () => {
    const smallArb = fc.tuple(fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), fc.integer({ min: 0, max: 10 }));
    fc.assert(
      fc.property(
        smallArb,
        smallArb,
        fc.integer({ min: 0, max: 20 }),
        roundingArb,
        ([a, sa], [b, sb], scale, rounding) => {
          const exactSum = new Oracle(a).div(new Oracle(10).pow(sa)).plus(new Oracle(b).div(new Oracle(10).pow(sb)));
          agreesUnscaled(() => addUnscaled(a, sa, b, sb, scale, rounding), oracleUnscaled(exactSum, scale, rounding));
          const exactProduct = new Oracle(a).times(b).div(new Oracle(10).pow(sa + sb));
          agreesUnscaled(
            () => mulUnscaled(a, sa, b, sb, scale, rounding),
            oracleUnscaled(exactProduct, scale, rounding),
          );
        },
      ),
      RUNS,
    );
  });
});

describe('text, casts and binary forms round-trip', () => {
  it('parses its own text back to the same value and scale', () => {
    fc.assert(
      fc.property(decimalArb, (a) => {
        const back = Decimal.parse(a.toString());
        expect([back.unscaled, back.scale]).toEqual([a.unscaled, a.scale]);
        expect(a.toString()).toBe(toOracle(a).toFixed(a.scale));
        expect(Decimal.fromJSONNumberText(a.toString()).equals(a)).toBe(true);
      }),
      RUNS,
    );
  });

  it('parses exponent text like decimal.js', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
        fc.integer({ min: -30, max: 30 }),
        (digits, exponent) => {
          const text = `${digits}e${exponent}`;
          const exact = new Oracle(text);
          const scale = Math.max(0, -exponent);
          agrees(() => Decimal.parse(text), exact, scale);
        },
      ),
      RUNS,
    );
  });

  it('casts to DOUBLE exactly as JS parses the text', () => {
    fc.assert(
      fc.property(decimalArb, (a) => {
        expect(a.toDouble()).toBe(Number(a.toString()));
      }),
      RUNS,
    );
  });

  it('casts any finite double through its shortest text', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e30, max: 1e30 }), (x) => {
        let value: Decimal;
        try {
          value = Decimal.fromDouble(x);
        } catch (error) {
          // Only doubles whose shortest text needs more than 38 digits or scale 38 may fail.
          expect((error as { code: string }).code).toBe('NUMERIC_OVERFLOW');
          return;
        }
        expect(value.toDouble()).toBe(x === 0 ? 0 : x);
      }),
      RUNS,
    );
  });

  it('encodes to Avro bytes and back', () => {
    fc.assert(
      fc.property(decimalArb, (a) => {
        const back = decimalFromAvroBytes(decimalToAvroBytes(a), a.scale);
        expect([back.unscaled, back.scale]).toEqual([a.unscaled, a.scale]);
      }),
      RUNS,
    );
  });
});

describe('aggregation is exact and mergeable', () => {
  it('sums a column at one scale like decimal.js, across the 2^53 boundary', () => {
    const columnArb = fc.array(
      fc.oneof(
        fc.integer({ min: -(2 ** 52), max: 2 ** 52 }).map(BigInt),
        fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
      ),
      { minLength: 1, maxLength: 60 },
    );
    fc.assert(
      fc.property(columnArb, fc.integer({ min: 0, max: 8 }), (column, scale) => {
        const values = column.map((u) => Decimal.fromUnscaled(u, scale));
        const exact = values.reduce<OracleValue>((total, v) => total.plus(toOracle(v)), new Oracle(0));
        const sum = new DecimalSumAccumulator().addUnscaledColumn(
          values.map((v) => v.unscaled),
          scale,
        );
        agrees(() => sum.result() as Decimal, exact, scale);
        expect(sum.count).toBe(values.length);
      }),
      { numRuns: 500 },
    );
  });

  it('sums like decimal.js however the values are split into partitions', () => {
    const valuesArb = fc.array(
      decimalArb.map((d) => d.rescale(Math.min(d.scale, 10), 'DOWN')),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(valuesArb, fc.integer({ min: 0, max: 40 }), (values, cut) => {
        const exact = values.reduce<OracleValue>((total, v) => total.plus(toOracle(v)), new Oracle(0));
        const scale = values.reduce((max, v) => Math.max(max, v.scale), 0);
        const left = new DecimalSumAccumulator();
        const right = new DecimalSumAccumulator();
        values.forEach((v, i) => (i < cut ? left : right).add(v));
        const merged = left.merge(right);
        if (values.length === 0) {
          expect(merged.result()).toBeNull();
          return;
        }
        agrees(() => merged.result() as Decimal, exact, scale);
        agrees(() => Decimal.sum(values), exact, scale);
        const byColumn = new DecimalSumAccumulator();
        for (const v of values) byColumn.addUnscaledColumn([v.unscaled], v.scale);
        agrees(() => byColumn.result() as Decimal, exact, scale);
      }),
      { numRuns: 500 },
    );
  });

  it('averages like decimal.js at scale max(s, 6)', () => {
    const valuesArb = fc.array(
      decimalArb.map((d) => d.rescale(Math.min(d.scale, 8), 'DOWN')).filter((d) => d.precision() - d.scale <= 28),
      { minLength: 1, maxLength: 30 },
    );
    fc.assert(
      fc.property(valuesArb, (values) => {
        const exact = values
          .reduce<OracleValue>((total, v) => total.plus(toOracle(v)), new Oracle(0))
          .div(values.length);
        const scale = Math.max(
          6,
          values.reduce((max, v) => Math.max(max, v.scale), 0),
        );
        agrees(() => Decimal.avg(values) as Decimal, exact, scale);
      }),
      { numRuns: 500 },
    );
  });
});
