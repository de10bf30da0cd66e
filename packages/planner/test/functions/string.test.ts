import { describe, it, expect } from 'vitest';
import { Decimal } from '@velots/decimal';
import { call, errorOf, ts } from './call.js';

describe('case and trimming', () => {
  it('UPPER, LOWER, INITCAP', () => {
    expect(call('UPPER', 'straße')).toBe('STRASSE');
    expect(call('LOWER', 'ÀBC')).toBe('àbc');
    expect(call('INITCAP', 'hello wORLD-foo_bar 2nd')).toBe('Hello World-Foo_Bar 2nd');
    expect(call('UPPER', null)).toBeNull();
  });

  it('TRIM, LTRIM, RTRIM remove whitespace or given characters', () => {
    expect(call('TRIM', '  a b \t\n')).toBe('a b');
    expect(call('LTRIM', '  a  ')).toBe('a  ');
    expect(call('RTRIM', '  a  ')).toBe('  a');
    expect(call('TRIM', 'xxaxx', 'x')).toBe('a');
    expect(call('TRIM', '   ')).toBe('');
    expect(call('TRIM', null)).toBeNull();
  });
});

describe('SUBSTRING, LEFT, RIGHT, LENGTH', () => {
  it('count 1-based characters, not UTF-16 units', () => {
    expect(call('SUBSTRING', 'hello', 2, 3)).toBe('ell');
    expect(call('SUBSTR', 'hello', 2)).toBe('ello');
    expect(call('SUBSTRING', 'hello', 0, 2)).toBe('he');
    expect(call('SUBSTRING', 'hello', -3)).toBe('llo');
    expect(call('SUBSTRING', 'hello', 10)).toBe('');
    expect(call('SUBSTRING', 'hello', 2, -1)).toBe('');
    expect(call('SUBSTRING', 'a😀b', 2, 1)).toBe('😀');
    expect(call('SUBSTRING', 'hello', null)).toBeNull();
    expect(call('LENGTH', 'a😀b')).toBe(3);
    expect(call('LEN', '')).toBe(0);
    expect(call('LENGTH', null)).toBeNull();
    expect(call('LEFT', 'hello', 2)).toBe('he');
    expect(call('LEFT', 'hello', -2)).toBe('hel');
    expect(call('LEFT', 'hi', 5)).toBe('hi');
    expect(call('RIGHT', 'hello', 2)).toBe('lo');
    expect(call('RIGHT', 'hello', -2)).toBe('llo');
    expect(call('RIGHT', '😀x', 2)).toBe('😀x');
  });
});

describe('REPLACE, POSITION, REVERSE, REPEAT, padding', () => {
  it('REPLACE replaces every occurrence', () => {
    expect(call('REPLACE', 'a.b.c', '.', '-')).toBe('a-b-c');
    expect(call('REPLACE', 'abc', '', 'x')).toBe('abc');
    expect(call('REPLACE', 'abc', 'b', null)).toBeNull();
  });

  it('POSITION finds a 1-based character index or 0', () => {
    expect(call('POSITION', 'lo', 'hello')).toBe(4);
    expect(call('POSITION', 'z', 'hello')).toBe(0);
    expect(call('POSITION', 'l', 'hello', 4)).toBe(4);
    expect(call('POSITION', 'l', 'hello', 5)).toBe(0);
    expect(call('POSITION', 'b', '😀ab')).toBe(3);
    expect(call('POSITION', '', 'abc')).toBe(1);
    expect(call('POSITION', null, 'abc')).toBeNull();
  });

  it('REVERSE, REPEAT, LPAD, RPAD', () => {
    expect(call('REVERSE', 'a😀b')).toBe('b😀a');
    expect(call('REPEAT', 'ab', 3)).toBe('ababab');
    expect(call('REPEAT', 'ab', -1)).toBe('');
    expect(errorOf('REPEAT', 'ab', 10 ** 9)?.code).toBe('INVALID_ARGUMENT');
    expect(call('LPAD', '7', 3, '0')).toBe('007');
    expect(call('RPAD', 'ab', 5, 'xy')).toBe('abxyx');
    expect(call('LPAD', 'abcdef', 3)).toBe('abc');
    expect(call('LPAD', 'a', 3)).toBe('  a');
    expect(call('RPAD', 'a', 3, '')).toBe('a');
  });
});

describe('CONCAT, CONCAT_WS, JOIN', () => {
  it('CONCAT skips NULLs and writes other types as text', () => {
    expect(call('CONCAT', 'a', null, 'b', 1)).toBe('ab1');
    expect(call('CONCAT', null)).toBe('');
    expect(call('CONCAT', 'id-', Decimal.parse('1.50'), '-', true)).toBe('id-1.50-true');
    expect(call('CONCAT', 'at ', ts(0))).toBe('at 1970-01-01T00:00:00');
  });

  it('CONCAT_WS skips NULLs; JOIN writes them as NULL', () => {
    expect(call('CONCAT_WS', ',', 'a', null, 'b')).toBe('a,b');
    expect(call('CONCAT_WS', null, 'a')).toBeNull();
    expect(call('JOIN', '|', 'a', null, 'b')).toBe('a|NULL|b');
    expect(call('JOIN', null, 'a')).toBeNull();
  });
});

describe('SPLIT and SPLIT_PART', () => {
  it('SPLIT returns every piece as an array', () => {
    expect(call('SPLIT', 'a,b,,c', ',')).toEqual(['a', 'b', '', 'c']);
    expect(call('SPLIT', 'abc', '')).toEqual(['a', 'b', 'c']);
    expect(call('SPLIT', null, ',')).toBeNull();
  });

  it("SPLIT_PART is 1-based, counts from the end when negative, and gives '' out of range", () => {
    expect(call('SPLIT_PART', 'a,b,c', ',', 2)).toBe('b');
    expect(call('SPLIT_PART', 'a,b,c', ',', -1)).toBe('c');
    expect(call('SPLIT_PART', 'a,b,c', ',', 4)).toBe('');
    expect(call('SPLIT_PART', 'a,b,c', ',', null)).toBeNull();
    expect(errorOf('SPLIT_PART', 'a', ',', 0)?.code).toBe('INVALID_ARGUMENT');
  });
});

describe('STARTS_WITH and ENDS_WITH', () => {
  it('test prefixes and suffixes', () => {
    expect(call('STARTS_WITH', 'kafka://x', 'kafka://')).toBe(true);
    expect(call('ENDS_WITH', 'data.csv', '.json')).toBe(false);
    expect(call('STARTS_WITH', null, 'a')).toBeNull();
  });
});
