import { describe, expect, it } from 'vitest';
import { FNV_OFFSET, FNV_PRIME, StringDictionary } from '../../src/columnar/string-dictionary.js';

function hashOf(bytes: Uint8Array, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, FNV_PRIME);
  return h;
}

describe('StringDictionary', () => {
  it('gives one id and one string object per distinct byte span, decoded as UTF-8, across growth', () => {
    const dictionary = new StringDictionary();
    const words = Array.from({ length: 3000 }, (_, i) => `stätion-${i % 1500}`);
    const ids = new Map<string, number>();
    for (const word of words) {
      const bytes = Buffer.from(`;${word};`);
      const id = dictionary.idOf(bytes, 1, bytes.length - 1, hashOf(bytes, 1, bytes.length - 1));
      expect(id).toBeGreaterThanOrEqual(0);
      expect(dictionary.strings[id]).toBe(word);
      if (ids.has(word)) expect(id).toBe(ids.get(word));
      ids.set(word, id);
    }
    expect(dictionary.strings).toHaveLength(1500);
  });

  it('keeps nothing longer than 64 bytes, and stops keeping a column that does not repeat', () => {
    const dictionary = new StringDictionary();
    const long = Buffer.from('x'.repeat(65));
    expect(dictionary.idOf(long, 0, 65, hashOf(long, 0, 65))).toBe(-1);
    let kept = 0;
    for (let i = 0; i < 20_000; i++) {
      const bytes = Buffer.from(`id-${i}`);
      if (dictionary.idOf(bytes, 0, bytes.length, hashOf(bytes, 0, bytes.length)) >= 0) kept++;
    }
    expect(kept).toBe(8192);
  });
});
