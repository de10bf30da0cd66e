import { describe, expect, it } from 'vitest';
import { MAX_INTERNED_CHARS, StringInterner } from '../../src/typing/string-interner.js';

describe('StringInterner', () => {
  it('gives equal text for equal spans and keeps distinct texts apart, across table growth', () => {
    const interner = new StringInterner();
    const names = Array.from({ length: 5000 }, (_, i) => `station-${i}-ß`);
    const text = names.join(';');
    const spans: [number, number][] = [];
    let at = 0;
    for (const name of names) {
      spans.push([at, at + name.length]);
      at += name.length + 1;
    }
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < names.length; i++) {
        const [start, end] = spans[i] as [number, number];
        expect(interner.intern(text, start, end)).toBe(names[i]);
      }
    }
  });

  it('slices text longer than the interned length, and keeps working once a column turns out not to repeat', () => {
    const interner = new StringInterner();
    const long = 'x'.repeat(MAX_INTERNED_CHARS + 1);
    expect(interner.intern(`a${long}b`, 1, 1 + long.length)).toBe(long);
    const ids = Array.from({ length: 20_000 }, (_, i) => `id${i}`);
    const text = ids.join(',');
    let at = 0;
    for (const id of ids) {
      expect(interner.intern(text, at, at + id.length)).toBe(id);
      at += id.length + 1;
    }
    expect(interner.intern('id7', 0, 3)).toBe('id7');
  });

  it('keeps the empty string and lone surrogates as they are', () => {
    const interner = new StringInterner();
    expect(interner.intern('abc', 1, 1)).toBe('');
    const lone = 'a\ud800b';
    expect(interner.intern(lone, 1, 2)).toBe('\ud800');
    expect(interner.intern(lone, 1, 2)).toBe('\ud800');
  });
});
