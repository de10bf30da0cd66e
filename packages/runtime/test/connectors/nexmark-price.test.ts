import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../src/connectors/generator/seeded-random.js';
import { nexmarkPrice, preparePriceTables } from '../../src/connectors/nexmark/nexmark-price.js';

/** The reference expression the tables replace. */
function referencePrice(k: number): number {
  return Math.round(Math.pow(10, (k / 4294967296) * 6) * 100);
}

describe('nexmarkPrice', () => {
  preparePriceTables();

  it('gives the reference price for 3 million random draws', () => {
    const random = new SeededRandom(12345);
    let differences = 0;
    for (let i = 0; i < 3_000_000; i++) {
      const k = random.nextUint32();
      if (nexmarkPrice(k) !== referencePrice(k)) differences++;
    }
    expect(differences).toBe(0);
  });

  it('gives the reference price at every table boundary and at both ends of the range', () => {
    const ks: number[] = [0, 1, 2, 1023, 1024, 2 ** 21 - 1, 2 ** 21, 2 ** 32 - 2, 2 ** 32 - 1];
    for (let i = 0; i < 2048; i++) ks.push(i * 2 ** 21, i * 2 ** 21 + 2 ** 21 - 1, i * 2 ** 10, (i * 2 ** 21 + i * 2 ** 10 + (i % 1024)) >>> 0);
    expect(ks.filter((k) => nexmarkPrice(k) !== referencePrice(k))).toEqual([]);
    expect([nexmarkPrice(0), nexmarkPrice(2 ** 32 - 1)]).toEqual([100, 100_000_000]);
  });

  it('gives the reference price where the power lies next to a half cent (the exact path)', () => {
    // Every k whose reference value is within 1e-5 of x.5: found by scanning the neighbourhood of each half.
    const nearHalves: number[] = [];
    for (let cents = 100; cents < 20_000; cents++) {
      const k = Math.round((Math.log10((cents + 0.5) / 100) / 6) * 4294967296);
      for (let d = -3; d <= 3; d++) nearHalves.push(k + d);
    }
    expect(nearHalves.filter((k) => nexmarkPrice(k) !== referencePrice(k))).toEqual([]);
  });
});
