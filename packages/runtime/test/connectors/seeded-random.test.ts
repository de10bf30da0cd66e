import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../src/connectors/generator/seeded-random.js';

describe('SeededRandom', () => {
  it('skips n draws to exactly where n calls of next() lead', () => {
    for (const n of [0, 1, 2, 3, 7, 12, 63, 1000, 123_457]) {
      const stepped = new SeededRandom(99);
      const skipped = new SeededRandom(99);
      for (let i = 0; i < n; i++) stepped.next();
      skipped.skip(n);
      expect([skipped.next(), skipped.next()]).toEqual([stepped.next(), stepped.next()]);
    }
  });

  it('gives next() as nextUint32() / 2^32, the same sequence from the same seed', () => {
    const a = new SeededRandom(7);
    const b = new SeededRandom(7);
    const draws = Array.from({ length: 5 }, () => a.nextUint32());
    expect(draws.map(() => b.next())).toEqual(draws.map((k) => k / 4294967296));
    expect(draws.every((k) => Number.isInteger(k) && k >= 0 && k < 2 ** 32)).toBe(true);
  });
});
