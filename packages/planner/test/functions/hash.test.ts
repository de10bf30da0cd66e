import { describe, it, expect } from 'vitest';
import { Decimal } from '@velots/decimal';
import { call } from './call.js';

describe('digests', () => {
  it('hash UTF-8 text to lower-case hex', () => {
    expect(call('MD5', 'abc')).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(call('SHA1', 'abc')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(call('SHA256', '')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(call('SHA512', 'abc')?.toString().length).toBe(128);
    expect(call('MD5', null)).toBeNull();
  });
});

describe('HASH', () => {
  it('is a stable signed 64-bit hash, equal for equal values', () => {
    expect(call('HASH', 'abc')).toBe(call('HASH', 'abc'));
    expect(call('HASH', 1)).toBe(call('HASH', Decimal.parse('1.00')));
    expect(call('HASH', 'a')).not.toBe(call('HASH', 'b'));
    expect(call('HASH', '1')).not.toBe(call('HASH', 1));
    const h = call('HASH', 'velo');
    expect(h).toBe(call('HASH', 'velo'));
    const big = BigInt(h as number | bigint);
    expect(big >= -(2n ** 63n) && big < 2n ** 63n).toBe(true);
    expect(call('HASH', null)).toBeNull();
  });
});

describe('UUID', () => {
  it('returns a fresh v4 UUID each call', () => {
    const a = call('UUID') as string;
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(call('UUID')).not.toBe(a);
  });
});
