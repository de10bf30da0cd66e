import { describe, expect, it } from 'vitest';
import { MAX_INTERNED_BYTES, StringInterner } from '../../src/typing/string-interner.js';

describe('StringInterner', () => {
  it('gives equal text for equal spans and keeps distinct texts apart, across table growth', () => {
    const interner = new StringInterner();
    const names = Array.from({ length: 5000 }, (_, i) => `station-${i}-ß`);
    const text = Buffer.from(names.join(';'));
    const spans: [number, number][] = [];
    let at = 0;
    for (const name of names) {
      const bytes = Buffer.byteLength(name);
      spans.push([at, at + bytes]);
      at += bytes + 1;
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
    const long = 'x'.repeat(MAX_INTERNED_BYTES + 1);
    expect(interner.intern(Buffer.from(`a${long}b`), 1, 1 + long.length)).toBe(long);
    const ids = Array.from({ length: 20_000 }, (_, i) => `id${i}`);
    const text = Buffer.from(ids.join(','));
    let at = 0;
    for (const id of ids) {
      expect(interner.intern(text, at, at + id.length)).toBe(id);
      at += id.length + 1;
    }
    expect(interner.intern(Buffer.from('id7'), 0, 3)).toBe('id7');
  });

  it('keeps the empty string, and decodes invalid UTF-8 as U+FFFD without mixing it up with the real U+FFFD', () => {
    const interner = new StringInterner();
    expect(interner.intern(Buffer.from('abc'), 1, 1)).toBe('');
    const bytes = Buffer.concat([Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('\ufffd')]);
    expect(interner.intern(bytes, 0, 3)).toBe('\ufffd\ufffd\ufffd');
    expect(interner.intern(bytes, 0, 3)).toBe('\ufffd\ufffd\ufffd');
    expect(interner.intern(bytes, 3, 6)).toBe('\ufffd');
  });
});
