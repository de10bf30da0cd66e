import { describe, it, expect } from 'vitest';
import { call, errorOf } from './call.js';

describe('REGEXP', () => {
  it('matches anywhere in the string', () => {
    expect(call('REGEXP', 'order-123', '\\d+')).toBe(true);
    expect(call('REGEXP', 'order', '^\\d+$')).toBe(false);
    expect(call('REGEXP', 'ABC', 'b', 'i')).toBe(true);
    expect(call('REGEXP', null, 'a')).toBeNull();
  });

  it('reports a bad pattern as an argument error', () => {
    expect(errorOf('REGEXP', 'a', '(')?.code).toBe('INVALID_ARGUMENT');
    expect(errorOf('REGEXP', 'a', 'a', 'x')?.message).toContain("unknown regex flag 'x'");
  });
});

describe('REGEXP_REPLACE', () => {
  it('replaces the first match unless g', () => {
    expect(call('REGEXP_REPLACE', 'a1b22c', '\\d+', '#')).toBe('a#b22c');
    expect(call('REGEXP_REPLACE', 'a1b22c', '\\d+', '#', 'g')).toBe('a#b#c');
    expect(call('REGEXP_REPLACE', 'Hello hello', 'hello', 'bye', 'gi')).toBe('bye bye');
    expect(call('REGEXP_REPLACE', 'john smith', '(\\w+) (\\w+)', '$2, $1')).toBe('smith, john');
    expect(call('REGEXP_REPLACE', 'abc', 'x', 'y')).toBe('abc');
    expect(call('REGEXP_REPLACE', 'abc', 'b', null)).toBeNull();
  });
});

describe('REGEXP_EXTRACT', () => {
  it('returns the match or a group, NULL without a match', () => {
    expect(call('REGEXP_EXTRACT', 'id=42;x=7', '\\d+')).toBe('42');
    expect(call('REGEXP_EXTRACT', 'id=42;x=7', 'x=(\\d+)', 1)).toBe('7');
    expect(call('REGEXP_EXTRACT', 'abc', '\\d')).toBeNull();
    expect(errorOf('REGEXP_EXTRACT', 'abc', 'b', 2)?.code).toBe('INVALID_ARGUMENT');
  });
});
