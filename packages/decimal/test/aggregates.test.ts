import { describe, expect, it } from 'vitest';
import { Decimal, DecimalAvgAccumulator, DecimalSumAccumulator } from '../src/index.js';

const d = (text: string): Decimal => Decimal.parse(text);

describe('DecimalSumAccumulator', () => {
  it('sums exactly at the largest scale seen, skipping NULLs', () => {
    const sum = new DecimalSumAccumulator();
    sum.add(d('0.1')).add(null).add(d('0.2')).add(d('1.005')).add(undefined);
    expect(sum.result()?.toString()).toBe('1.305');
    expect(sum.count).toBe(3);
  });

  it('is NULL for no rows', () => {
    expect(new DecimalSumAccumulator().result()).toBeNull();
  });

  it('carries past 2^53 into bigint without losing a unit', () => {
    const sum = new DecimalSumAccumulator();
    const big = Decimal.fromUnscaled(Number.MAX_SAFE_INTEGER, 2);
    for (let i = 0; i < 1000; i++) sum.add(big);
    sum.add(d('0.01'));
    expect(sum.result()?.unscaled).toBe(9007199254740991000n + 1n);
    expect(sum.result()?.toString()).toBe('90071992547409910.01');
  });

  it('comes back to the number path when the total shrinks again', () => {
    const sum = new DecimalSumAccumulator();
    sum.add(d('9007199254740991')).add(d('9007199254740991')).add(d('-9007199254740991'));
    expect(sum.result()?.unscaled).toBe(9007199254740991);
  });

  it('raises the scale of the running total when a finer value arrives', () => {
    const sum = new DecimalSumAccumulator();
    sum.add(d('9007199254740991')).add(d('0.001'));
    expect(sum.result()?.toString()).toBe('9007199254740991.001');
  });

  it('merges partial sums from partitions into the same total', () => {
    const values = ['12.50', '-3.25', '99999999999999999999.99', '0.001', '-7'].map(d);
    const left = new DecimalSumAccumulator();
    const right = new DecimalSumAccumulator();
    values.slice(0, 2).forEach((v) => left.add(v));
    values.slice(2).forEach((v) => right.add(v));
    expect(left.merge(right).result()?.toString()).toBe('100000000000000000002.241');
    expect(left.count).toBe(5);
    expect(Decimal.sum(values).toString()).toBe('100000000000000000002.241');
  });

  it('takes back removed values', () => {
    const sum = new DecimalSumAccumulator();
    sum.add(d('1.50')).add(d('2.25')).remove(d('1.5'));
    expect(sum.result()?.toString()).toBe('2.25');
    expect(sum.count).toBe(1);
  });

  it('adds unscaled values without Decimals and raises NUMERIC_OVERFLOW past 38 digits', () => {
    const sum = new DecimalSumAccumulator();
    sum.addUnscaled(1999, 2).addUnscaled(1, 2);
    expect(sum.result()?.toString()).toBe('20.00');
    const huge = new DecimalSumAccumulator().add(d('9'.repeat(38))).add(d('1'));
    expect(() => huge.result()).toThrow('DECIMAL SUM: result exceeds 38 digits of precision');
  });
});

describe('DecimalSumAccumulator over columns', () => {
  it('sums a column of unscaled values, crossing into bigint and back in the middle', () => {
    const column = [Number.MAX_SAFE_INTEGER, 1, 10n ** 20n, -(10n ** 20n), -1, -5];
    const sum = new DecimalSumAccumulator().addUnscaledColumn(column, 2);
    expect(sum.result()?.toString()).toBe('90071992547409.86');
    expect(sum.result()?.unscaled).toBe(9007199254740986);
    expect(sum.count).toBe(6);
  });

  it('sums a slice of a Float64Array column at a finer scale than the total so far', () => {
    const sum = new DecimalSumAccumulator().add(d('1.5'));
    sum.addUnscaledColumn(new Float64Array([100, 250, 375, 999]), 3, 1, 3);
    expect(sum.result()?.toString()).toBe('2.125');
    expect(sum.count).toBe(3);
  });

  it('sums a coarser column into a finer total', () => {
    const sum = new DecimalSumAccumulator().add(d('0.001'));
    sum.addUnscaledColumn([15, 25], 1);
    expect(sum.result()?.toString()).toBe('4.001');
  });

  it('adds a batch of Decimals, skipping NULLs', () => {
    const sum = new DecimalSumAccumulator().addAll([d('1.25'), null, d('-0.5'), undefined]);
    expect(sum.result()?.toString()).toBe('0.75');
    expect(sum.count).toBe(2);
  });
});

describe('Decimal.sum and Decimal.avg', () => {
  it('sums at the largest scale seen, 0 for nothing', () => {
    expect(Decimal.sum([d('1.1'), d('2.22'), d('-0.333')]).toString()).toBe('2.987');
    expect(Decimal.sum([]).toString()).toBe('0');
  });

  it('averages at scale max(s, 6), half away from zero, null for nothing', () => {
    expect(Decimal.avg([d('1'), d('2')])?.toString()).toBe('1.500000');
    expect(Decimal.avg([d('1'), d('1'), d('2')])?.toString()).toBe('1.333333');
    expect(Decimal.avg([d('-1'), d('-1'), d('-1'), d('-1'), d('-1'), d('-1'), d('-2')])?.toString()).toBe('-1.142857');
    expect(Decimal.avg([d('0.00000005'), d('0')])?.toString()).toBe('0.00000003');
    expect(Decimal.avg([d('2'), d('3')], 'HALF_EVEN')?.toString()).toBe('2.500000');
    expect(Decimal.avg([])).toBeNull();
  });
});

describe('DecimalAvgAccumulator', () => {
  it('averages exactly even when the sum passes 38 digits', () => {
    const avg = new DecimalAvgAccumulator();
    const nines = 10n ** 32n - 1n;
    for (let i = 0; i < 1_000_001; i++) avg.addUnscaled(nines, 0);
    avg.add(null);
    expect(avg.count).toBe(1_000_001);
    expect(avg.result()?.toString()).toBe(`${'9'.repeat(32)}.000000`);
  });

  it('merges partitions and keeps the sum at hand', () => {
    const left = new DecimalAvgAccumulator().add(d('1.25')).add(d('2.50'));
    const right = new DecimalAvgAccumulator().add(d('-0.75'));
    left.merge(right);
    expect(left.sum()?.toString()).toBe('3.00');
    expect(left.result()?.toString()).toBe('1.000000');
    expect(new DecimalAvgAccumulator().result()).toBeNull();
  });

  it('averages a column of unscaled values', () => {
    const avg = new DecimalAvgAccumulator().addUnscaledColumn([100, 200, 400], 2);
    expect(avg.result()?.toString()).toBe('2.333333');
  });

  it('rounds with the mode it was built with', () => {
    const halfUp = new DecimalAvgAccumulator().add(d('0.0000001')).add(d('0.0000002'));
    const halfEven = new DecimalAvgAccumulator('HALF_EVEN').add(d('0.0000001')).add(d('0.0000002'));
    expect(halfUp.result()?.toString()).toBe('0.0000002'); // 0.00000015 at scale 7
    expect(halfEven.result()?.toString()).toBe('0.0000002');
    const tie = new DecimalAvgAccumulator('HALF_EVEN').add(d('0.0000001')).add(d('0.0000000'));
    expect(tie.result()?.toString()).toBe('0.0000000'); // 0.00000005 → even 0
  });

  it('raises NUMERIC_OVERFLOW when the mean does not fit DECIMAL(38, 6)', () => {
    const avg = new DecimalAvgAccumulator().add(d('9'.repeat(38)));
    expect(() => avg.result()).toThrow('DECIMAL division: result exceeds 38 digits of precision');
  });
});
