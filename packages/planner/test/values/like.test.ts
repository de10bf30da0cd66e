import { describe, it, expect } from 'vitest';
import { compileLike } from '../../src/values/like.js';

describe('compileLike', () => {
  it('matches % as any run and _ as one character', () => {
    const m = compileLike('a%c_');
    expect(m('abcd')).toBe(true);
    expect(m('acx')).toBe(true);
    expect(m('ac')).toBe(false);
    expect(m('Abcd')).toBe(false);
    expect(compileLike('%')('')).toBe(true);
    expect(compileLike('_')('😀')).toBe(true);
    expect(compileLike('%x%')('line1\nx')).toBe(true);
  });

  it('handles the simple shapes lit, lit%, %lit and %lit%', () => {
    expect(compileLike('abc')('abc')).toBe(true);
    expect(compileLike('abc')('abcd')).toBe(false);
    expect(compileLike('ab%')('abxyz')).toBe(true);
    expect(compileLike('ab%')('xab')).toBe(false);
    expect(compileLike('%yz')('abxyz')).toBe(true);
    expect(compileLike('%yz')('yza')).toBe(false);
    expect(compileLike('%x.y%')('aax.ybb')).toBe(true);
    expect(compileLike('%x.y%')('aaxzybb')).toBe(false);
    expect(compileLike('%%')('')).toBe(true);
    expect(compileLike('')('')).toBe(true);
    expect(compileLike('')('a')).toBe(false);
  });

  it('treats regex characters literally', () => {
    expect(compileLike('a.c')('abc')).toBe(false);
    expect(compileLike('a.c')('a.c')).toBe(true);
    expect(compileLike('(a+)[b]$^{2}|\\-/')('(a+)[b]$^{2}|\\-/')).toBe(true);
    expect(compileLike('%.csv')('data.csv')).toBe(true);
    expect(compileLike('%.csv')('datacsv')).toBe(false);
  });

  it('ignores case for ILIKE', () => {
    expect(compileLike('HELLO%', { caseInsensitive: true })('hello world')).toBe(true);
    expect(compileLike('abc', { caseInsensitive: true })('ABC')).toBe(true);
  });

  it('honours an ESCAPE character', () => {
    const m = compileLike('100!%', { escape: '!' });
    expect(m('100%')).toBe(true);
    expect(m('1000')).toBe(false);
    expect(compileLike('a!_b', { escape: '!' })('a_b')).toBe(true);
    expect(compileLike('a!_b', { escape: '!' })('axb')).toBe(false);
    expect(compileLike('a!!b', { escape: '!' })('a!b')).toBe(true);
    expect(() => compileLike('abc!', { escape: '!' })).toThrow(/ends with its escape character/);
    expect(() => compileLike('a', { escape: '!!' })).toThrow(/one character/);
  });
});
